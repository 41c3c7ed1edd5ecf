package dev.postmaster.console.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code admin/email.xhtml}, "Admin Settings &gt; Email". Fields are addressed by their section's header and their
 * label, because several labels ("Port", "Username", "Password", "Use SSL") appear in both the outgoing and the
 * incoming section; the page object never uses the generated client ids of the fields.
 */
public final class EmailSettingsPage extends ConsolePage {

    /** The page's panels, by the header a person reads. */
    public enum Section {
        OUTGOING("Outgoing Mail Server Settings"),
        NOTIFICATIONS("Email Notifications"),
        INCOMING("Incoming Mail Server Settings"),
        TEST("Test the active settings");

        final String header;

        Section(String header) {
            this.header = header;
        }
    }

    /** The page's address, relative to the context root. */
    public static final String PATH = "admin/email.xhtml";
    private static final By SETTINGS_FORM = By.id("email");
    private static final By TEST_FORM = By.id("test");
    private static final By BANNER = By.id("email:pendingBanner");
    private static final By TEST_OUTCOME = By.id("test:testOutcome");

    private EmailSettingsPage(Browser browser, String step) {
        super(browser, "Email", step);
        browser.until(ExpectedConditions.visibilityOfElementLocated(SETTINGS_FORM));
    }

    /** Opens the page by its address; opening it again is how a test reloads the stored settings. */
    public static EmailSettingsPage open(Browser browser, String step) {
        browser.open(PATH);
        return new EmailSettingsPage(browser, step);
    }

    static EmailSettingsPage expect(Browser browser, String step) {
        return new EmailSettingsPage(browser, step);
    }

    /** Whether the browser shows the Email settings form at all. */
    public static boolean isShown(Browser browser) {
        return !browser.driver().findElements(SETTINGS_FORM).isEmpty();
    }

    // --- fields

    public EmailSettingsPage fill(Section section, String label, String text) {
        type(field(section, label), text);
        return this;
    }

    public String valueOf(Section section, String label) {
        return Page.valueOf(field(section, label));
    }

    /**
     * Sets a PrimeFaces checkbox. Its label points at the hidden {@code <input type="checkbox">}; a person clicks
     * the visible box next to it, so that is what this clicks, then it checks that the input followed.
     */
    public EmailSettingsPage check(Section section, String label, boolean checked) {
        WebElement input = field(section, label);
        if (input.isSelected() != checked) {
            input.findElement(By.xpath(
                    "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ui-chkbox ')][1]"
                            + "//div[contains(concat(' ', normalize-space(@class), ' '), ' ui-chkbox-box ')]"))
                    .click();
            browser.until(driver -> input.isSelected() == checked);
        }
        return this;
    }

    public boolean isChecked(Section section, String label) {
        return field(section, label).isSelected();
    }

    /** The validation message next to a field, or "" when it has none. */
    public String messageBeside(Section section, String label) {
        return Page.messageBeside(field(section, label));
    }

    /** The hints next to a field, such as the one saying a password is stored. */
    public String hintsBeside(Section section, String label) {
        return Page.hintsBeside(field(section, label));
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

    // --- saving

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

    /** The messages shown above the form that belong to no single field. */
    public String formMessages() {
        return String.join(" ", texts(driver(), By.id("email:messages")));
    }

    /** The whole page as the browser has it now, for checking what it does not contain. */
    public String source() {
        return driver().getPageSource();
    }

    // --- test mail

    /** Sends the test email to {@code recipient} and returns what the page says about it. */
    public String sendTestEmailTo(String recipient) {
        WebElement form = driver().findElement(TEST_FORM);
        type(field(Section.TEST, "Send test email to"), recipient);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Send test email']")), form);
        String outcome = browser.until(ExpectedConditions.visibilityOfElementLocated(TEST_OUTCOME)).getText().strip();
        browser.capture("test-email-outcome");
        return outcome;
    }

    /** The "Running now" panel's text: which settings are active. */
    public String runningNow() {
        return driver().findElement(By.id("running")).getText().strip();
    }

    /**
     * Clicks the banner's "Apply now", then "Apply now" in the confirmation that asks first, and waits for the
     * form to come back with the settings running.
     */
    public EmailSettingsPage applyNow() {
        driver().findElement(BANNER).findElement(By.xpath(".//button[normalize-space()='Apply now']")).click();
        WebElement confirmation = browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(concat(' ', normalize-space(@class), ' '), ' ui-confirm-dialog ')]"
                        + "[.//span[contains(@class, 'ui-dialog-title')][normalize-space()="
                        + "'Apply the pending settings now?']]")));
        browser.capture("apply-now-confirmation");
        WebElement form = driver().findElement(SETTINGS_FORM);
        browser.clickToUpdate(confirmation.findElement(By.xpath(".//button[normalize-space()='Apply now']")), form);
        browser.until(ExpectedConditions.invisibilityOf(confirmation));
        browser.capture("applied-now");
        return this;
    }
}
