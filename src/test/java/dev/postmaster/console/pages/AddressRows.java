package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The address rows of a contact form ({@code WEB-INF/includes/contact-fields.xhtml}), which "My contact" and the
 * Contacts dialog share: adding a row, making a row the default, and reading the message beside a row.
 */
final class AddressRows {

    private AddressRows() {
    }

    /** Clicks "Add address" in the form {@code formId} and waits for the rows to be redrawn. */
    static void add(Browser browser, String formId) {
        WebElement list = browser.driver().findElement(By.id(formId + ":addressList"));
        browser.clickToUpdate(list.findElement(By.xpath(".//button[normalize-space()='Add address']")), list);
    }

    /** Clicks "Make default" in the row of {@code address} and waits for the rows to be redrawn. */
    static void makeDefault(Browser browser, WebElement address, String formId) {
        WebElement list = browser.driver().findElement(By.id(formId + ":addressList"));
        WebElement line = address.findElement(By.xpath("ancestor::div[contains(@class,'pm-address-line')][1]"));
        browser.clickToUpdate(line.findElement(By.xpath(".//button[normalize-space()='Make default']")), list);
    }

    /** The message shown beside a field of the form: in its address row, or in its field block. */
    static String messageBeside(WebElement field) {
        WebElement block = field.findElement(By.xpath("ancestor::div[contains(concat(' ', normalize-space(@class),"
                + " ' '), ' pm-address ') or contains(concat(' ', normalize-space(@class), ' '), ' pm-field ')][1]"));
        return block.findElements(By.cssSelector(".ui-message")).stream().map(m -> m.getText().strip())
                .filter(text -> !text.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
    }
}
