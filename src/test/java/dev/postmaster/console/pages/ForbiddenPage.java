package dev.postmaster.console.pages;

import org.openqa.selenium.By;

/**
 * {@code WEB-INF/errors/forbidden.xhtml}: what a signed-in user who lacks the role sees instead of the page they
 * asked for (the application's error page for HTTP 403).
 */
public final class ForbiddenPage extends ConsolePage {

    private ForbiddenPage(Browser browser, String step) {
        super(browser, "Not allowed", step);
    }

    /** Asks for {@code path} and expects to be refused. */
    public static ForbiddenPage openExpectingRefusal(Browser browser, String path) {
        browser.open(path);
        return new ForbiddenPage(browser, "refused-" + path);
    }

    /** The page's explanation of the refusal. */
    public String explanation() {
        return driver().findElement(By.id("forbidden")).getText().strip();
    }
}
