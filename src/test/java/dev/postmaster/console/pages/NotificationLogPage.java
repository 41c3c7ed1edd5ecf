package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code admin/notifications.xhtml}, "Admin Settings › Notification log": the decisions, searched by recipient
 * and by record.
 */
public final class NotificationLogPage extends ConsolePage {

    private static final By FORM = By.id("search");
    private static final By ROWS = By.cssSelector("[id='search:table_data'] > tr:not(.ui-datatable-empty-message)");

    /** A decision as the table shows it. */
    public record Decision(String notification, String record, String recipient, String by, String outcome,
            String reason) {
    }

    private NotificationLogPage(Browser browser, String step) {
        super(browser, "Notification log", step);
    }

    /** Opens "Admin Settings" &gt; "Notification log" from the menu of {@code from}. */
    public static NotificationLogPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Admin Settings", "Notification log");
        return new NotificationLogPage(from.browser, "notification-log-from-menu");
    }

    /** Searches; an empty argument leaves that criterion out ("Any" for the kind). */
    public NotificationLogPage search(String recipient, String kind, String recordNumber) {
        WebElement form = driver().findElement(FORM);
        type(fieldLabelled(form, "Recipient (user name)"), recipient);
        Widgets.selectOne(browser, fieldLabelled(form, "Record kind"), kind.isEmpty() ? "Any" : kind);
        type(fieldLabelled(driver().findElement(FORM), "Record number"), recordNumber);
        form = driver().findElement(FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Search']")), form);
        browser.capture("decisions-" + recipient + "-" + kind + "-" + recordNumber);
        return this;
    }

    /** The decisions on the page shown, newest first. */
    public List<Decision> decisions() {
        return driver().findElements(ROWS).stream().map(row -> {
            List<WebElement> cells = row.findElements(By.xpath("./td"));
            WebElement notification = cells.get(1);
            WebElement outcome = cells.get(4);
            return new Decision(notification.findElement(By.xpath("./div[1]")).getText().strip(),
                    notification.findElement(By.cssSelector(".pm-hint")).getText().strip(),
                    cells.get(2).findElement(By.cssSelector(".pm-recipient")).getText().strip(),
                    cells.get(3).getText().strip(),
                    outcome.findElement(By.cssSelector(".pm-outcome")).getText().strip(),
                    outcome.findElements(By.cssSelector(".pm-reason")).stream().map(e -> e.getText().strip())
                            .findFirst().orElse(""));
        }).collect(Collectors.toList());
    }

    public String messageBeside(String label) {
        return Page.messageBeside(fieldLabelled(driver().findElement(FORM), label));
    }
}
