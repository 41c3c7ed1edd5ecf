package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code admin/users.xhtml}, "Admin Settings › Users": the table of logins, and the dialog that creates or edits
 * one ({@link Dialog}).
 */
public final class UsersPage extends ConsolePage {

    private static final String TABLE = "users:table";

    /** A row of the table, as shown. */
    public record Row(String username, String name, String email, String role, String status) {
    }

    private UsersPage(Browser browser, String step) {
        super(browser, "Users", step);
    }

    /** Opens "Admin Settings" &gt; "Users" from the menu of {@code from}. */
    public static UsersPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Admin Settings", "Users");
        return new UsersPage(from.browser, "users-from-menu");
    }

    public Dialog newUser() {
        driver().findElement(By.xpath("//form[@id='users']//button[normalize-space()='New user']")).click();
        return new Dialog("new-user-dialog");
    }

    public Dialog edit(String username) {
        Tables.rowWith(browser, TABLE, username).findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
        return new Dialog("edit-user-dialog");
    }

    /** Clicks "Deactivate" in the row of {@code username} and confirms. */
    public UsersPage deactivate(String username) {
        Tables.rowWith(browser, TABLE, username).findElement(By.xpath(".//button[normalize-space()='Deactivate']"))
                .click();
        Widgets.confirm(browser, "Deactivate", driver().findElement(By.id("users")), "user-deactivated");
        return this;
    }

    /** Clicks "Activate" in the row of {@code username}. */
    public UsersPage activate(String username) {
        WebElement form = driver().findElement(By.id("users"));
        browser.clickToUpdate(Tables.rowWith(browser, TABLE, username)
                .findElement(By.xpath(".//button[normalize-space()='Activate']")), form);
        browser.capture("user-activated");
        return this;
    }

    public List<Row> rows() {
        return Tables.rows(browser, TABLE).stream()
                .map(c -> new Row(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4))).collect(Collectors.toList());
    }

    public Row row(String username) {
        return rows().stream().filter(r -> r.username().equals(username)).findFirst()
                .orElseThrow(() -> new AssertionError("No user " + username + " in " + rows()));
    }

    public String message() {
        return String.join(" ", texts(driver(), By.id("users:messages")));
    }

    /** The create/edit dialog, open. */
    public final class Dialog extends EditorDialog<Dialog, UsersPage> {

        private Dialog(String step) {
            super(UsersPage.this, TABLE, step, "user-saved");
        }

        @Override
        protected Dialog self() {
            return this;
        }

        public Dialog role(String label) {
            Widgets.selectOne(browser, field("Role"), label);
            return this;
        }
    }
}
