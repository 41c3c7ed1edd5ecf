package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;

/**
 * {@code admin/contacts.xhtml}, "Admin Settings › Contacts": the table of contacts, and the dialog that creates or
 * edits one with its addresses ({@link Dialog}).
 */
public final class ContactsPage extends ConsolePage {

    private static final String TABLE = "contacts:table";

    /** A row of the table, as shown. */
    public record Row(String name, String defaultEmail, String otherEmails, String status) {
    }

    private ContactsPage(Browser browser, String step) {
        super(browser, "Contacts", step);
    }

    /** Opens "Admin Settings" &gt; "Contacts" from the menu of {@code from}. */
    public static ContactsPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Admin Settings", "Contacts");
        return new ContactsPage(from.browser, "contacts-from-menu");
    }

    public Dialog newContact() {
        driver().findElement(By.xpath("//form[@id='contacts']//button[normalize-space()='New contact']")).click();
        return new Dialog("new-contact-dialog");
    }

    public List<Row> rows() {
        return Tables.rows(browser, TABLE).stream()
                .map(c -> new Row(c.get(0), c.get(1), c.get(2), c.get(3))).collect(Collectors.toList());
    }

    public Row row(String name) {
        return rows().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No contact " + name + " in " + rows()));
    }

    /** Clicks "Deactivate" in the row of {@code name} and confirms. */
    public ContactsPage deactivate(String name) {
        Tables.rowWith(browser, TABLE, name).findElement(By.xpath(".//button[normalize-space()='Deactivate']")).click();
        Widgets.confirm(browser, "Deactivate", driver().findElement(By.id("contacts")), "contact-deactivated");
        return this;
    }

    public String message() {
        return String.join(" ", texts(driver(), By.id("contacts:messages")));
    }

    /** The create/edit dialog, open. */
    public final class Dialog extends EditorDialog<Dialog, ContactsPage> {

        private Dialog(String step) {
            super(ContactsPage.this, TABLE, step, "contact-saved");
        }

        @Override
        protected Dialog self() {
            return this;
        }

        public Dialog addAddress() {
            AddressRows.add(browser, "editor");
            return this;
        }

        /** Makes the address in the row labelled {@code label} ("Address 2") the default. */
        public Dialog makeDefault(String label) {
            AddressRows.makeDefault(browser, field(label), "editor");
            return this;
        }

        @Override
        public String messageBeside(String label) {
            return AddressRows.messageBeside(field(label));
        }
    }
}
