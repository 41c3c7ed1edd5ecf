package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code admin/outbox.xhtml}, "Admin Settings › Outbox": the count per state, the oldest waiting mail, and the
 * mails of the state chosen under "Show".
 */
public final class OutboxPage extends ConsolePage {

    private static final By FORM = By.id("outbox");
    private static final By ROWS = By.cssSelector("[id='outbox:table_data'] > tr:not(.ui-datatable-empty-message)");

    /** A mail as the table shows it. */
    public record Mail(String subject, String recipients, String status, String errorAndReply) {
    }

    private OutboxPage(Browser browser, String step) {
        super(browser, "Outbox", step);
    }

    /** Opens "Admin Settings" &gt; "Outbox" from the menu of {@code from}. */
    public static OutboxPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Admin Settings", "Outbox");
        return new OutboxPage(from.browser, "outbox-from-menu");
    }

    /**
     * Chooses the state under "Show" whose button starts with {@code state} (e.g. "Sent"), unless it is chosen
     * already, and waits for the table.
     */
    public OutboxPage show(String state) {
        WebElement form = driver().findElement(FORM);
        WebElement buttons = fieldLabelled(form, "Show").findElement(By.xpath(
                "ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ui-selectonebutton ')][1]"));
        WebElement button = buttons.findElements(By.cssSelector(".ui-button")).stream()
                .filter(b -> b.getText().strip().startsWith(state + " ("))
                .findFirst().orElseThrow(() -> new AssertionError("No state " + state + " to show"));
        if (!button.getDomAttribute("class").contains("ui-state-active")) {
            browser.clickToUpdate(button, form);
        }
        browser.capture("outbox-" + state);
        return this;
    }

    /** Reads the page again with Refresh. */
    public OutboxPage refresh() {
        WebElement form = driver().findElement(FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Refresh']")), form);
        return this;
    }

    /** Clicks "Hold sending" or "Release sending". */
    public OutboxPage click(String button) {
        WebElement form = driver().findElement(FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='" + button + "']")), form);
        browser.capture("outbox-" + button.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return this;
    }

    /** The "Last hour" chart in words, as the page writes it under the panel's title. */
    public String lastHour() {
        return driver().findElement(By.id("activitySummary")).getText();
    }

    /** How many mails the "Last hour" summary says were sent in the hour. */
    public int sentInTheLastHour() {
        java.util.regex.Matcher sent = java.util.regex.Pattern.compile("In the last hour: (\\d+) sent")
                .matcher(lastHour());
        if (!sent.find()) {
            throw new AssertionError("No count of sent mail in: " + lastHour());
        }
        return Integer.parseInt(sent.group(1));
    }

    /** Whether Chart.js drew the chart: its canvas is on the page with a size. */
    public boolean chartDrawn() {
        WebElement canvas = driver().findElement(By.cssSelector("[id='outbox:activity'] canvas"));
        return canvas.getSize().getWidth() > 0 && canvas.getSize().getHeight() > 0;
    }

    /** The banner that says sending is held, or "" when it is not. */
    public String heldBanner() {
        return String.join(" ", texts(driver(), By.id("outbox:held")));
    }

    /** Clicks "Resend" on the mail whose subject contains {@code subjectPart}, and confirms. */
    public OutboxPage resend(String subjectPart) {
        WebElement form = driver().findElement(FORM);
        WebElement row = driver().findElements(ROWS).stream()
                .filter(r -> r.findElement(By.cssSelector(".pm-mail-subject")).getText().contains(subjectPart))
                .findFirst().orElseThrow(() -> new AssertionError("No mail about " + subjectPart + " in " + mails()));
        row.findElement(By.xpath(".//button[normalize-space()='Resend']")).click();
        Widgets.confirm(browser, "Resend", form, "resent");
        return this;
    }

    /** The message above the summary, such as the one Resend leaves. */
    public String message() {
        return String.join(" ", texts(driver(), By.id("outbox:messages")));
    }

    /** The number the summary shows for a state, e.g. "Sent". */
    public long count(String state) {
        return Long.parseLong(driver().findElement(By.xpath("//ul[@id='counts']/li[span[@class='pm-count-label']"
                + "[normalize-space()=" + xpathLiteral(state) + "]]/span[@class='pm-count-number']")).getText()
                .strip());
    }

    public String oldestWaiting() {
        return driver().findElement(By.id("oldestWaiting")).getText().strip();
    }

    public List<Mail> mails() {
        return driver().findElements(ROWS).stream().map(row -> {
            List<WebElement> cells = row.findElements(By.xpath("./td"));
            return new Mail(cells.get(1).findElement(By.cssSelector(".pm-mail-subject")).getText().strip(),
                    cells.get(1).findElement(By.xpath("./div[2]")).getText().strip(),
                    cells.get(2).findElement(By.cssSelector(".pm-outbox-status")).getText().strip(),
                    cells.get(3).getText().strip());
        }).collect(Collectors.toList());
    }
}
