package dev.postmaster.inbound.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes the quoted original out of a reply, so a comment holds what its author wrote and not the notification
 * again. Mail clients mark quotes in ways of their own, and no kept Java library knows them, so the rules are
 * here, each from what a client really writes:
 * <ul>
 * <li>an attribution line starting the quote: "On Tue, 1 Dec 2026 at 10:00, Alice &lt;a@b&gt; wrote:" (Gmail,
 * Apple Mail, Thunderbird; it may wrap onto a second line), "Am … schrieb …:", "Le … a écrit :". It dates the
 * original, so it holds a digit: prose such as "On Monday I will…" or "Am Ende schrieb er:" is no attribution.
 * When the reply answers the quote inline (its own text follows quoted lines), the attribution does not start
 * the quote, or the answers would be lost;</li>
 * <li>Outlook's "-----Original Message-----" and its header block ("From: … Sent: … To: … Subject: …"), also
 * after a line of underscores;</li>
 * <li>lines quoted with "&gt;", when nothing but quoted lines and blank lines follows up to the end or a
 * signature;</li>
 * <li>a signature after "-- ".</li>
 * </ul>
 * No-break spaces (French typography writes one before the colon) count as spaces. Text before the first
 * marker is the reply; when a marker is the very first thing, nothing is taken away.
 */
public final class QuotedText {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(On\\s.+\\swrote:|Am\\s.+\\sschrieb\\s.+:|Le\\s.+\\sa\\s(é|e)crit\\s?:)\\s*$");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_SEPARATOR = Pattern.compile("^_{10,}\\s*$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^(From|Von|De)\\s*:\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_HEADER = Pattern.compile("^(Sent|Gesendet|Envoyé|Date|To|An|À|Subject|Betreff"
            + "|Objet|Cc)\\s*:.*", Pattern.CASE_INSENSITIVE);

    private QuotedText() {
    }

    /** The reply without what it quotes, trailing blank lines removed; line breaks are kept. */
    public static String strip(String text) {
        if (text == null) {
            return "";
        }
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (startsQuote(lines, i)) {
                end = i;
                break;
            }
        }
        List<String> kept = new ArrayList<>(lines.subList(0, end));
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        if (kept.isEmpty()) {
            return String.join("\n", lines).strip();
        }
        return String.join("\n", kept).strip();
    }

    private static boolean startsQuote(List<String> lines, int i) {
        String raw = lines.get(i);
        if (signature(raw)) {
            return true;
        }
        String line = spaced(raw).strip();
        if (ORIGINAL_MESSAGE.matcher(line).matches() || OUTLOOK_SEPARATOR.matcher(line).matches()) {
            return true;
        }
        String next = i + 1 < lines.size() ? spaced(lines.get(i + 1)).strip() : "";
        if (OUTLOOK_FROM.matcher(line).matches() && OUTLOOK_HEADER.matcher(next).matches()) {
            return true;
        }
        int attribution = attributionLines(line, next);
        if (attribution > 0) {
            return !answeredInline(lines, i + attribution);
        }
        return line.startsWith(">") && onlyQuotesFollow(lines, i);
    }

    /** How many lines an attribution starting at {@code line} takes: 1, 2 when wrapped, 0 when it is none. */
    private static int attributionLines(String line, String next) {
        if (ATTRIBUTION.matcher(line).matches()) {
            return DIGIT.matcher(line).find() ? 1 : 0;
        }
        // A wrapped attribution: its second line is never quoted, and the first does not end a sentence.
        String joined = line + " " + next;
        return !line.endsWith(".") && !next.startsWith(">") && ATTRIBUTION.matcher(joined).matches()
                && DIGIT.matcher(joined).find() ? 2 : 0;
    }

    /** Whether the reply's own text follows a quoted line after {@code from}, before any signature. */
    private static boolean answeredInline(List<String> lines, int from) {
        boolean quoted = false;
        for (int j = from; j < lines.size() && !signature(lines.get(j)); j++) {
            String line = lines.get(j).strip();
            if (line.startsWith(">")) {
                quoted = true;
            } else if (!line.isEmpty()) {
                return quoted;
            }
        }
        return false;
    }

    private static boolean signature(String raw) {
        return raw.equals("-- ") || raw.equals("--");
    }

    private static String spaced(String line) {
        return line.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private static boolean onlyQuotesFollow(List<String> lines, int from) {
        for (int j = from; j < lines.size() && !signature(lines.get(j)); j++) {
            String line = lines.get(j).strip();
            if (!line.isEmpty() && !line.startsWith(">")) {
                return false;
            }
        }
        return true;
    }
}
