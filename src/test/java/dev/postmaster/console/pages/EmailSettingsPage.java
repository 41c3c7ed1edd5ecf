package dev.postmaster.console.pages;

import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code admin/email.xhtml}, "Admin Settings &gt; Email". Fields are addressed by their section's header and their
 * label, because several labels ("Port", "Username", "Password", "Use SSL", "Encryption") appear in both the
 * outgoing and the incoming section; the page object never uses the generated client ids of the fields.
 */
public final class EmailSettingsPage extends ConsolePage {

    /** The page's panels, by the header a person reads. */
    public enum Section {
        OUTGOING("Outgoing Mail Server Settings"),
        NOTIFICATIONS("Email Notifications"),
        INCOMING("Incoming Mail Server Settings"),
        TIMEOUTS("Connections"),
        TEST("Test connections");

        final String header;

        Section(String header) {
            this.header = header;
        }
    }

    /**
     * What the sender preview under "Email Notifications" shows: the From/Reply-To of a notification triggered
     * by the signed-in administrator, and by a user without an email address.
     */
    public record SenderPreview(String signedInUser, String userWithoutEmail) {
    }

    /** One row of the History table. */
    public record HistoryEntry(String when, String who, String what, String summary, String details) {
    }

    /** The page's address, relative to the context root. */
    public static final String PATH = "admin/email.xhtml";
    private static final By SETTINGS_FORM = By.id("email");
    private static final By TEST_FORM = By.id("test");
    private static final By HISTORY_FORM = By.id("history");
    private static final By BANNER = By.id("email:pendingBanner");
    private static final By SENDER_PREVIEW = By.id("email:senderPreview");
    private static final By RUNNING = By.id("running");
    private static final By APPLY_CONFIRMATION = By.xpath("//div[contains(concat(' ', normalize-space(@class), ' '),"
            + " ' ui-confirm-dialog ')][.//span[contains(@class, 'ui-dialog-title')"
            + " and normalize-space()='Apply the pending settings now?']]");

    private EmailSettingsPage(Browser browser, String step) {
        super(browser, "Email", step);
        browser.until(ExpectedConditions.visibilityOfElementLocated(SETTINGS_FORM));
    }

    /** Opens the page by its address; opening it again is how a test reloads the stored settings. */
    public static EmailSettingsPage open(Browser browser, String step) {
        browser.open(PATH);
        return new EmailSettingsPage(browser, step);
    }

    /** The Email page the browser shows now (after a redirect to it, say). */
    public static EmailSettingsPage expect(Browser browser, String step) {
        return new EmailSettingsPage(browser, step);
    }

    /** Whether the browser shows the Email settings form at all. */
    public static boolean isShown(Browser browser) {
        return !browser.driver().findElements(SETTINGS_FORM).isEmpty();
    }

    // --- fields

    /** Types into a field without leaving it: no change event yet, as while a person is still typing. */
    public EmailSettingsPage fill(Section section, String label, String text) {
        type(field(section, label), text);
        return this;
    }

    /**
     * Types into a field and leaves it with Tab, as a person moving on does; that fires the field's change event,
     * and this waits for whatever the page does about it (the sender preview, for example, is redrawn).
     */
    public EmailSettingsPage enter(Section section, String label, String text) {
        WebElement field = field(section, label);
        type(field, text);
        field.sendKeys(Keys.TAB);
        browser.settle();
        return this;
    }

    public String valueOf(Section section, String label) {
        return Page.valueOf(field(section, label));
    }

    /**
     * Sets a PrimeFaces checkbox. Its label points at the hidden {@code <input type="checkbox">}; a person clicks
     * the visible box next to it, so that is what this clicks, then it checks that the input followed and waits
     * for the AJAX request some boxes send (the sender switches, "Use SSL").
     */
    public EmailSettingsPage check(Section section, String label, boolean checked) {
        WebElement input = field(section, label);
        if (input.isSelected() != checked) {
            input.findElement(By.xpath(
                    "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ui-chkbox ')][1]"
                            + "//div[contains(concat(' ', normalize-space(@class), ' '), ' ui-chkbox-box ')]"))
                    .click();
            browser.settle();
            browser.until(driver -> field(section, label).isSelected() == checked);
        }
        return this;
    }

    public boolean isChecked(Section section, String label) {
        return field(section, label).isSelected();
    }

    /**
     * Picks {@code option} in a PrimeFaces select (such as "Encryption"): its label points at the visible box,
     * which opens the list; the option is clicked there, and the AJAX request the select sends is waited for.
     */
    public EmailSettingsPage choose(Section section, String label, String option) {
        WebElement box = field(section, label);
        if (!box.getText().strip().equals(option)) {
            box.click();
            WebElement list = browser.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id(box.getDomAttribute("aria-controls"))));
            // PrimeFaces marks the box expanded once the list has finished opening; a click on an option before
            // then is lost (the widget has not yet noted the value to go back to, and its click handler fails).
            browser.until(ExpectedConditions.attributeToBe(box, "aria-expanded", "true"));
            list.findElement(By.xpath(".//li[normalize-space()=" + xpathLiteral(option) + "]")).click();
            browser.settle();
            browser.until(driver -> chosen(section, label).equals(option));
        }
        return this;
    }

    /** The option a PrimeFaces select shows as chosen. */
    public String chosen(Section section, String label) {
        return field(section, label).getText().strip();
    }

    /** The validation message next to a field, or "" when it has none. */
    public String messageBeside(Section section, String label) {
        return Page.messageBeside(field(section, label));
    }

    /** The hints next to a field, such as the one saying a password is stored. */
    public String hintsBeside(Section section, String label) {
        return Page.hintsBeside(field(section, label));
    }

    /** The rules shown in the same field block as a field, such as "Without a Reply-To address, ...". */
    public String rulesBeside(Section section, String label) {
        return String.join(" ", texts(field(section, label).findElement(By.xpath(
                "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' pm-field ')][1]")),
                By.cssSelector(".pm-rule")));
    }

    private WebElement field(Section section, String label) {
        return fieldLabelled(panel(section), label);
    }

    private WebElement panel(Section section) {
        return driver().findElement(By.xpath(
                "//div[contains(concat(' ', normalize-space(@class), ' '), ' ui-panel ')]"
                        + "[./div[contains(@class, 'ui-panel-titlebar')]/span[normalize-space()='" + section.header
                        + "']]"));
    }

    // --- sender preview

    /**
     * What the sender preview shows now; the switches and names above it redraw it as they change. The
     * "Email Notifications" panel it belongs to is saved as a screenshot named {@code step}.
     */
    public SenderPreview senderPreview(String step) {
        browser.capture(step, panel(Section.NOTIFICATIONS));
        WebElement preview = driver().findElement(SENDER_PREVIEW);
        return new SenderPreview(preview.findElement(By.id("previewSignedIn")).getText().strip(),
                preview.findElement(By.id("previewNoEmail")).getText().strip());
    }

    // --- OAuth2

    /**
     * Clicks the section's "Connect" (or "Connect again"): the page is saved and the browser sent to the
     * provider, which sends it back here; returns the Email page it comes back to.
     */
    public EmailSettingsPage connect(Section section) {
        browser.clickToLoadPage(panel(section).findElement(By.xpath(
                ".//button[starts-with(normalize-space(), 'Connect')]")));
        browser.until(ExpectedConditions.visibilityOfElementLocated(SETTINGS_FORM));
        return new EmailSettingsPage(browser, "connected-" + section.name().toLowerCase(Locale.ROOT));
    }

    /** Clicks the section's "Connect" for a provider that keeps its answer: the browser stays at the provider. */
    public void connectAndStayAtTheProvider(Section section) {
        browser.clickToLoadPage(panel(section).findElement(By.xpath(
                ".//button[starts-with(normalize-space(), 'Connect')]")));
        browser.capture("at-the-provider");
    }

    /** Clicks the section's "Disconnect" and waits for the form to come back. */
    public EmailSettingsPage disconnect(Section section) {
        WebElement form = driver().findElement(SETTINGS_FORM);
        browser.clickToUpdate(panel(section).findElement(By.xpath(".//button[normalize-space()='Disconnect']")),
                form);
        browser.capture("disconnected");
        return this;
    }

    /** The text a field's row shows instead of an input (the redirect URL, a preset's endpoint, the account). */
    public String shown(Section section, String label) {
        WebElement labelElement = panel(section).findElement(By.xpath(".//label[normalize-space()="
                + xpathLiteral(label) + "]"));
        return labelElement.findElement(By.xpath("following-sibling::div[1]/*[1]")).getText().strip();
    }

    // --- saving and applying

    /** Clicks Update and waits for the form to come back from the server. */
    public EmailSettingsPage update(String step) {
        WebElement form = driver().findElement(SETTINGS_FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Update']")), form);
        browser.capture(step);
        return this;
    }

    /** The banner's text, or "" when no saved settings are waiting for a restart. */
    public String banner() {
        return String.join(" ", texts(driver(), BANNER));
    }

    /** The fields the banner lists as different from the settings running now. */
    public List<String> pendingChanges() {
        return texts(driver(), By.cssSelector("#pendingChanges li"));
    }

    /**
     * Clicks the banner's "Apply now", then "Apply now" in the confirmation that asks first, and waits for the
     * page to show the outcome.
     */
    public EmailSettingsPage applyNow() {
        WebElement confirmation = askToApplyNow();
        WebElement form = driver().findElement(SETTINGS_FORM);
        browser.clickToUpdate(confirmation.findElement(By.xpath(".//button[normalize-space()='Apply now']")), form);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(APPLY_CONFIRMATION));
        browser.capture("applied-now");
        return this;
    }

    /** Clicks the banner's "Apply now", then "Cancel" in the confirmation; nothing should happen. */
    public EmailSettingsPage cancelApplyNow() {
        WebElement confirmation = askToApplyNow();
        confirmation.findElement(By.xpath(".//button[normalize-space()='Cancel']")).click();
        browser.until(ExpectedConditions.invisibilityOf(confirmation));
        browser.settle();
        browser.capture("apply-now-cancelled");
        return this;
    }

    /** The question the confirmation of "Apply now" asks, as shown while it is open. */
    private WebElement askToApplyNow() {
        driver().findElement(BANNER).findElement(By.xpath(".//button[normalize-space()='Apply now']")).click();
        WebElement confirmation = browser.until(ExpectedConditions.visibilityOfElementLocated(APPLY_CONFIRMATION));
        browser.settle();
        browser.capture("apply-now-confirmation", confirmation);
        return confirmation;
    }

    /** The messages shown above the form that belong to no single field. */
    public String formMessages() {
        return String.join(" ", texts(driver(), By.id("email:messages")));
    }

    /** The whole page as the browser has it now, for checking what it does not contain. */
    public String source() {
        return driver().getPageSource();
    }

    // --- testing connections

    /** Picks which settings the tests use: "Active settings" or "Pending settings". */
    public EmailSettingsPage testWith(String choice) {
        WebElement group = field(Section.TEST, "Test with")
                .findElement(By.xpath("ancestor::div[@role='radiogroup'][1]"));
        WebElement input = fieldLabelled(group, choice);
        if (!input.isSelected()) {
            input.findElement(By.xpath("ancestor::div[contains(concat(' ', normalize-space(@class), ' '),"
                    + " ' ui-radiobutton ')][1]/div[contains(concat(' ', normalize-space(@class), ' '),"
                    + " ' ui-radiobutton-box ')]")).click();
            browser.until(driver -> fieldLabelled(group, choice).isSelected());
        }
        return this;
    }

    /** Sends the test email to {@code recipient} and returns the dialog that reports how it went. */
    public ConnectionTestDialog sendTestEmailTo(String recipient) {
        type(field(Section.TEST, "Send test email to"), recipient);
        return runTest("Send test email", "test-email");
    }

    /** Runs "Test incoming connection" and returns the dialog that reports how it went. */
    public ConnectionTestDialog testIncomingConnection() {
        return runTest("Test incoming connection", "test-incoming");
    }

    private ConnectionTestDialog runTest(String button, String step) {
        WebElement form = driver().findElement(TEST_FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()=" + xpathLiteral(button) + "]")),
                form);
        return ConnectionTestDialog.expect(browser, this, step);
    }

    // --- what runs now, and what happened

    /** The "Running now" panel's text: which settings are active. */
    public String runningNow() {
        return driver().findElement(RUNNING).getText().strip();
    }

    /** One value of the "Running now" panel, by the term it is listed under (e.g. "Outgoing mail server"). */
    public String running(String term) {
        return driver().findElement(RUNNING).findElement(By.xpath(".//dt[normalize-space()=" + xpathLiteral(term)
                + "]/following-sibling::dd[1]")).getText().strip();
    }

    /** The rows of the History table's page shown now, newest first; empty when nothing has happened. */
    public List<HistoryEntry> history() {
        return driver().findElement(HISTORY_FORM)
                .findElements(By.cssSelector("tbody.ui-datatable-data > tr:not(.ui-datatable-empty-message)"))
                .stream()
                .map(row -> {
                    List<WebElement> cells = row.findElements(By.xpath("./td"));
                    WebElement details = cells.get(3);
                    return new HistoryEntry(cells.get(0).getText().strip(), cells.get(1).getText().strip(),
                            cells.get(2).getText().strip(), details.findElement(By.tagName("div")).getText().strip(),
                            details.findElement(By.tagName("pre")).getText().strip());
                })
                .toList();
    }

    /** The History table's page report, e.g. "1–10 of 23". */
    public String historyPageReport() {
        return driver().findElement(HISTORY_FORM).findElement(By.cssSelector(".ui-paginator-current")).getText()
                .strip();
    }
}
