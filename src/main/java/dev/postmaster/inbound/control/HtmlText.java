package dev.postmaster.inbound.control;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns HTML-only mail into text with jsoup, keeping paragraphs and line breaks, and leaves out what mail clients
 * mark as the quoted original: Gmail's {@code div.gmail_quote}, Apple Mail's and Thunderbird's
 * {@code blockquote[type=cite]}, Outlook's {@code #divRplyFwdMsg} and everything after {@code #appendonsend},
 * Yahoo's {@code .yahoo_quoted}.
 *
 * <p>No-break spaces become spaces. Outlook writes each line as a paragraph without margins ({@code p.MsoNormal})
 * and an empty line as such a paragraph holding only a no-break space, so those paragraphs are lines.
 */
public final class HtmlText {

    private static final String QUOTES = "div.gmail_quote, blockquote.gmail_quote, blockquote[type=cite],"
            + " div#divRplyFwdMsg, div.yahoo_quoted, div.moz-cite-prefix, style, script, head, title";

    private HtmlText() {
    }

    /** The text of {@code html}: one line per paragraph, block or {@code <br>}, blank lines between paragraphs. */
    public static String toText(String html) {
        Document document = Jsoup.parse(html == null ? "" : html);
        Element outlookMark = document.getElementById("appendonsend");
        if (outlookMark != null) {
            // Outlook puts its quoted original after this empty marker, at the same level.
            while (outlookMark.nextSibling() != null) {
                outlookMark.nextSibling().remove();
            }
        }
        document.select(QUOTES).remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    String words = textNode.getWholeText().replace('\u00a0', ' ').replaceAll("\\s+", " ");
                    if (!words.isBlank() || text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                        text.append(words);
                    }
                } else if (node instanceof Element element && element.normalName().equals("br")) {
                    text.append('\n');
                } else if (node instanceof Element element && element.isBlock()) {
                    lineBreak(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    lineBreak(text);
                    if (element.hasClass("MsoNormal")) {
                        if (element.wholeText().replace('\u00a0', ' ').isBlank()) {
                            text.append('\n');
                        }
                    } else if (element.normalName().equals("p") || element.normalName().matches("h[1-6]")) {
                        text.append('\n');
                    }
                }
            }
        }, document.body());
        return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void lineBreak(StringBuilder text) {
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }
}
