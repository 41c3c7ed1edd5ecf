package dev.postmaster.console.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The "Connection test" dialog of the Email page: what "Send test email" or "Test incoming connection" did, in a
 * summary ("Sent." or "Not sent."), the step that failed with a hint, and every step in order with ✓ or ✗ and the
 * server's own lines. It is modal, so a test closes it before using the page again.
 */
public final class ConnectionTestDialog extends Page {

    private static final By DIALOG = By.id("test:testResult");
    private static final By OUTCOME = By.id("test:testOutcome");

    private final EmailSettingsPage page;

    private ConnectionTestDialog(Browser browser, EmailSettingsPage page, String step) {
        super(browser, OUTCOME, step);
        this.page = page;
        browser.capture(step + "-dialog", browser.until(ExpectedConditions.visibilityOfElementLocated(DIALOG)));
    }

    static ConnectionTestDialog expect(Browser browser, EmailSettingsPage page, String step) {
        return new ConnectionTestDialog(browser, page, step);
    }

    private WebElement dialog() {
        return driver().findElement(DIALOG);
    }

    /** The dialog's title. */
    public String title() {
        return dialog().findElement(By.cssSelector(".ui-dialog-title")).getText().strip();
    }

    /** The first sentence block: "Sent. …" or "Not sent. …". */
    public String summary() {
        return dialog().findElement(By.id("testSummary")).getText().strip();
    }

    /** The whole outcome: the summary and, after a failure, the "Failed at: …" line. */
    public String outcome() {
        return dialog().findElement(OUTCOME).getText().strip();
    }

    /** "Failed at: &lt;step&gt;. &lt;hint&gt;", or "" when nothing failed. */
    public String problem() {
        return String.join(" ", texts(dialog(), By.id("testProblem")));
    }

    /** Each step's first line as shown, e.g. "Connect ✓": its name and its mark. */
    public List<String> steps() {
        return steps(true);
    }

    /** Each step as shown in full: name, mark, and the server's lines. */
    public List<String> stepsInFull() {
        return steps(false);
    }

    private List<String> steps(boolean headlineOnly) {
        return dialog().findElements(By.cssSelector("#testSteps > li")).stream()
                .map(step -> step.getText().strip())
                .map(text -> headlineOnly ? text.lines().findFirst().orElse("").strip() : text)
                .toList();
    }

    /** The server's lines of the step named {@code name}. */
    public String transcriptOf(String name) {
        return dialog().findElements(By.cssSelector("#testSteps > li")).stream()
                .filter(step -> step.findElement(By.tagName("strong")).getText().strip().equals(name))
                .findFirst()
                .map(step -> step.findElement(By.tagName("pre")).getText().strip())
                .orElseThrow(() -> new AssertionError("No step \"" + name + "\" in " + steps()));
    }

    /**
     * Whether the whole dialog lies inside the browser window. The dialog stays put when the page scrolls, so a
     * part of it outside the window cannot be reached at all.
     */
    public boolean liesWithinTheWindow() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript(
                "var r = arguments[0].getBoundingClientRect();"
                        + " return r.top >= -1 && r.bottom <= window.innerHeight + 1;", dialog()));
    }

    /**
     * Scrolls to the step named {@code name} as a person would (whatever can scroll, the dialog or the page,
     * scrolls) and tells whether the step is then in view: inside the window and inside the dialog's content.
     */
    public boolean scrollsToStep(String name) {
        WebElement step = dialog().findElements(By.cssSelector("#testSteps > li")).stream()
                .filter(item -> item.findElement(By.tagName("strong")).getText().strip().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No step \"" + name + "\" in " + steps()));
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript(
                "var step = arguments[0], content = arguments[1];"
                        + " step.scrollIntoView({block: 'nearest'});"
                        + " var r = step.getBoundingClientRect(), c = content.getBoundingClientRect();"
                        + " return r.top >= Math.max(0, c.top) - 1"
                        + "     && r.bottom <= Math.min(window.innerHeight, c.bottom) + 1;",
                step, dialog().findElement(By.cssSelector(".ui-dialog-content"))));
    }

    /** Closes the dialog with its close icon and returns to the page. */
    public EmailSettingsPage close() {
        WebElement dialog = dialog();
        dialog.findElement(By.cssSelector(".ui-dialog-titlebar-close")).click();
        browser.until(ExpectedConditions.invisibilityOf(dialog));
        browser.settle();
        return page;
    }
}
