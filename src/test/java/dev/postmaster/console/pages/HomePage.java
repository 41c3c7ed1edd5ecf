package dev.postmaster.console.pages;

/** {@code index.xhtml}, where a successful sign-in lands: the console's home page. */
public final class HomePage extends ConsolePage {

    private HomePage(Browser browser, String step) {
        super(browser, "Home", step);
    }

    /** The home page the browser was sent to. */
    public static HomePage expect(Browser browser, String step) {
        return new HomePage(browser, step);
    }
}
