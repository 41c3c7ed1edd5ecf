package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code contact.xhtml}, "Me › My contact": the signed-in user's name, addresses and default address. */
public final class MyContactPage extends ConsolePage {

    private static final By FORM = By.id("contact");

    private MyContactPage(Browser browser, String step) {
        super(browser, "My contact", step);
    }

    /** Opens "Me" &gt; "My contact" from the menu of {@code from}. */
    public static MyContactPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Me", "My contact");
        return new MyContactPage(from.browser, "my-contact-from-menu");
    }

    private WebElement form() {
        return driver().findElement(FORM);
    }

    public MyContactPage fill(String label, String text) {
        type(fieldLabelled(form(), label), text);
        return this;
    }

    public String valueOf(String label) {
        return Page.valueOf(fieldLabelled(form(), label));
    }

    /** Adds an empty address row, "Address n". */
    public MyContactPage addAddress() {
        WebElement list = driver().findElement(By.id("contact:addressList"));
        browser.clickToUpdate(list.findElement(By.xpath(".//button[normalize-space()='Add address']")), list);
        return this;
    }

    /** Makes the address in row "Address n" the default. */
    public MyContactPage makeDefault(String label) {
        WebElement list = driver().findElement(By.id("contact:addressList"));
        WebElement line = fieldLabelled(form(), label).findElement(By.xpath("ancestor::div[contains(@class,"
                + "'pm-address-line')][1]"));
        browser.clickToUpdate(line.findElement(By.xpath(".//button[normalize-space()='Make default']")), list);
        return this;
    }

    public MyContactPage save(String step) {
        WebElement form = form();
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        browser.capture(step);
        return this;
    }

    public String messageBeside(String label) {
        WebElement field = fieldLabelled(form(), label);
        WebElement block = field.findElement(By.xpath("ancestor::div[contains(concat(' ', normalize-space(@class),"
                + " ' '), ' pm-address ') or contains(concat(' ', normalize-space(@class), ' '), ' pm-field ')][1]"));
        return String.join(" ", texts(block, By.cssSelector(".ui-message")));
    }

    public String message() {
        return String.join(" ", texts(driver(), By.id("contact:messages")));
    }

    /** The sentence that says which default address is stored now. */
    public String currentDefault() {
        return driver().findElement(By.id("contact:currentDefault")).getText().strip();
    }
}
