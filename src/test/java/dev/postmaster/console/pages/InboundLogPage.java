package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code admin/inbound.xhtml}, "Admin Settings › Inbound log": the poller's state with Poll now, and the
 * messages read from the incoming mailbox with what became of each.
 */
public final class InboundLogPage extends ConsolePage {

    private static final By FORM = By.id("inbound");
    private static final By ROWS = By.cssSelector("[id='inbound:table_data'] > tr:not(.ui-datatable-empty-message)");

    /** A message as the table shows it. */
    public record Message(String subject, String from, String outcome, String reason, String text) {
    }

    private InboundLogPage(Browser browser, String step) {
        super(browser, "Inbound log", step);
    }

    /** Opens "Admin Settings" &gt; "Inbound log" from the menu of {@code from}. */
    public static InboundLogPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Admin Settings", "Inbound log");
        return new InboundLogPage(from.browser, "inbound-log-from-menu");
    }

    /** Clicks Poll now and waits for the page to show how the poll went. */
    public InboundLogPage pollNow() {
        WebElement form = driver().findElement(FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Poll now']")), form);
        browser.capture("inbound-polled");
        return this;
    }

    /** The poller's state as the page shows it: "Running", "Failing" or "Off: …". */
    public String state() {
        return driver().findElement(By.id("pollerState")).getText().strip();
    }

    /** Which node polls, as the page says: "node1 (this node); lease renewed …", or another node's name. */
    public String polledBy() {
        return driver().findElement(By.id("pollingNode")).getText().strip();
    }

    /** The messages on the page shown, newest first. */
    public List<Message> messages() {
        return driver().findElements(ROWS).stream().map(row -> {
            List<WebElement> cells = row.findElements(By.xpath("./td"));
            WebElement message = cells.get(1);
            WebElement outcome = cells.get(2);
            return new Message(message.findElement(By.cssSelector(".pm-mail-subject")).getText().strip(),
                    message.findElement(By.cssSelector(".pm-hint")).getText().strip().replaceFirst("^From ", ""),
                    outcome.findElement(By.cssSelector(".pm-outcome")).getText().strip(),
                    outcome.findElement(By.cssSelector(".pm-reason")).getText().strip(),
                    cells.get(3).getText().strip());
        }).collect(Collectors.toList());
    }
}
