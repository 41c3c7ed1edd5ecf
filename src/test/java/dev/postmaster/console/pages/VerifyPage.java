package dev.postmaster.console.pages;

import org.openqa.selenium.By;

/** {@code verify.xhtml}, where the link in an address confirmation mail leads: what opening the link did. */
public final class VerifyPage extends ConsolePage {

    private VerifyPage(Browser browser, String step) {
        super(browser, "Confirm an email address", step);
    }

    /** Follows a whole address (the link from the mail) while signed in. */
    public static VerifyPage follow(Browser browser, String url, String step) {
        browser.driver().get(url);
        browser.settle();
        return new VerifyPage(browser, step);
    }

    /** What the page says became of the link. */
    public String outcome() {
        return driver().findElement(By.id("outcomeText")).getText().strip();
    }
}
