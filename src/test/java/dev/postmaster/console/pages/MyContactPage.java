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
        AddressRows.add(browser, "contact");
        return this;
    }

    /** Makes the address in row "Address n" the default. */
    public MyContactPage makeDefault(String label) {
        AddressRows.makeDefault(browser, fieldLabelled(form(), label), "contact");
        return this;
    }

    public MyContactPage save(String step) {
        WebElement form = form();
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        browser.capture(step);
        return this;
    }

    public String messageBeside(String label) {
        return AddressRows.messageBeside(fieldLabelled(form(), label));
    }

    public String message() {
        return String.join(" ", texts(driver(), By.id("contact:messages")));
    }

    /** The state shown beside the stored address in row {@code label}: "Verified", "Waiting for confirmation", "". */
    public String stateOf(String label) {
        WebElement line = fieldLabelled(form(), label).findElement(
                By.xpath("ancestor::div[contains(@class,'pm-address-line')][1]"));
        return String.join(" ", texts(line, By.cssSelector(".pm-address-state")));
    }

    /** Clicks "Send the link again" beside the address in row {@code label}. */
    public MyContactPage sendLinkAgain(String label) {
        WebElement line = fieldLabelled(form(), label).findElement(
                By.xpath("ancestor::div[contains(@class,'pm-address-line')][1]"));
        browser.clickToUpdate(line.findElement(By.xpath(".//button[normalize-space()='Send the link again']")),
                driver().findElement(By.id("contact:addressList")));
        browser.capture("link-sent-again");
        return this;
    }

    /** The sentence that says which default address is stored now. */
    public String currentDefault() {
        return driver().findElement(By.id("contact:currentDefault")).getText().strip();
    }
}
