package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What every page object shares: it waits until its page is really shown, takes the screenshot for the step, and
 * finds fields the way a person does, by the text of their {@code <label>}. Locating by label (and following its
 * {@code for} attribute) rather than by generated client ids means a test also fails when a label stops being
 * tied to its field, which is what screen readers and clicks on the label rely on.
 */
public abstract class Page {

    /**
     * A label's own text: PrimeFaces puts it in a span of its own when it appends the "*" of a required field,
     * and that "*" is not part of what the label says.
     */
    private static final String LABEL_TEXT =
            "(span[contains(concat(' ', normalize-space(@class), ' '), ' ui-outputlabel-label ')] | self::*[not("
                    + "span[contains(concat(' ', normalize-space(@class), ' '), ' ui-outputlabel-label ')])])[1]";

    private static final String FIELD_CONTAINER =
            "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' pm-field ')][1]";

    protected final Browser browser;

    /**
     * Waits for the element that identifies the page, then saves the screenshot of this step.
     *
     * @param identity an element only this page has
     * @param step what the test is doing, for the screenshot's name
     */
    protected Page(Browser browser, By identity, String step) {
        this.browser = browser;
        browser.settle();
        browser.until(ExpectedConditions.visibilityOfElementLocated(identity));
        browser.capture(step);
    }

    protected WebDriver driver() {
        return browser.driver();
    }

    /** The text of every element {@code locator} finds, each trimmed, skipping empty ones. */
    protected List<String> texts(SearchContext scope, By locator) {
        return scope.findElements(locator).stream()
                .map(element -> element.getText().strip())
                .filter(text -> !text.isEmpty())
                .collect(Collectors.toList());
    }

    /**
     * The form field whose {@code <label>} inside {@code scope} reads {@code labelText}: exactly one such label
     * must exist, its {@code for} must name an element, and that element must be inside {@code scope} too.
     */
    protected WebElement fieldLabelled(SearchContext scope, String labelText) {
        List<WebElement> labels = scope.findElements(By.xpath(".//label[normalize-space(" + LABEL_TEXT + ") = "
                + xpathLiteral(labelText) + "]"));
        if (labels.size() != 1) {
            throw new AssertionError("Expected one label \"" + labelText + "\" here, found " + labels.size());
        }
        String target = labels.get(0).getDomAttribute("for");
        if (target == null || target.isBlank()) {
            throw new AssertionError("The label \"" + labelText + "\" is not tied to a field (no for attribute)");
        }
        List<WebElement> fields = scope.findElements(By.id(target));
        if (fields.size() != 1) {
            throw new AssertionError("The label \"" + labelText + "\" names the field " + target
                    + ", which is not next to it");
        }
        return fields.get(0);
    }

    /** {@code text} as an XPath string literal, whatever quotes it contains. */
    protected static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    /** Replaces what a text field holds with {@code text} (an empty text leaves the field empty). */
    protected static void type(WebElement field, String text) {
        field.clear();
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    /** The value a field holds now, as the browser has it (not the attribute the server rendered). */
    protected static String valueOf(WebElement field) {
        String value = field.getDomProperty("value");
        return value == null ? "" : value;
    }

    /** The validation message shown in the same field block as {@code field}, or "" when there is none. */
    protected static String messageBeside(WebElement field) {
        return field.findElement(By.xpath(FIELD_CONTAINER)).findElements(By.cssSelector(".ui-message")).stream()
                .map(message -> message.getText().strip())
                .filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" "));
    }

    /** The hints shown in the same field block as {@code field}, joined by a space. */
    protected static String hintsBeside(WebElement field) {
        return field.findElement(By.xpath(FIELD_CONTAINER)).findElements(By.cssSelector(".pm-hint")).stream()
                .map(hint -> hint.getText().strip())
                .collect(Collectors.joining(" "));
    }
}
