package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code login.xhtml}: the page every unauthenticated visit ends on. Tests use it to sign in (successfully or
 * not) and to check what it tells the person after a refusal or a sign-out.
 */
public final class LoginPage extends Page {

    private static final By FORM = By.id("login");

    private LoginPage(Browser browser, String step) {
        super(browser, By.xpath("//h1[normalize-space()='Sign in to Postmaster']"), step);
    }

    /** Opens the sign-in page directly. */
    public static LoginPage open(Browser browser) {
        browser.open("login.xhtml");
        return new LoginPage(browser, "login");
    }

    /** Asks for a page that needs a sign-in, and expects to be sent here instead. */
    public static LoginPage openInsteadOf(Browser browser, String protectedPath) {
        browser.open(protectedPath);
        return new LoginPage(browser, "sign-in-asked-for-" + protectedPath);
    }

    /** Follows a whole address (a link from a mail) that needs a sign-in, and expects to be sent here instead. */
    public static LoginPage followInsteadOf(Browser browser, String url) {
        browser.driver().get(url);
        browser.settle();
        return new LoginPage(browser, "sign-in-asked-for-link");
    }

    /** The sign-in page the browser was sent to, for example after signing out. */
    static LoginPage expect(Browser browser, String step) {
        return new LoginPage(browser, step);
    }

    /** Signs in with credentials that must work, and arrives on the home page. */
    public HomePage signInAs(String username, String password) {
        submit(username, password);
        return HomePage.expect(browser, "home-" + username);
    }

    /**
     * Signs in as the administrator after having asked for the Email page, and arrives on that page rather than
     * on the home page.
     */
    public EmailSettingsPage signInAndContinueToEmailSettings(String username, String password) {
        submit(username, password);
        return EmailSettingsPage.expect(browser, "continued-to-email-settings");
    }

    /**
     * Signs in after having asked for another page (a link from a mail, say); the caller expects that page's
     * object next.
     */
    public void signInToContinue(String username, String password) {
        submit(username, password);
    }

    /** Signs in with credentials that must be refused, and stays on this page. */
    public LoginPage signInExpectingRefusal(String username, String password) {
        submit(username, password);
        return new LoginPage(browser, "login-refused");
    }

    private void submit(String username, String password) {
        WebElement form = driver().findElement(FORM);
        type(fieldLabelled(form, "User name"), username);
        type(fieldLabelled(form, "Password"), password);
        browser.clickToLoadPage(form.findElement(By.xpath(".//button[normalize-space()='Sign in']")));
    }

    /** The problem the page reports after a sign-in, or "" when there is none. */
    public String problem() {
        return String.join(" ", texts(driver(), By.id("login:messages")));
    }

    /** The notice above the form (for example after signing out), or "" when there is none. */
    public String notice() {
        return String.join(" ", texts(driver(), By.cssSelector(".pm-banner")));
    }

    /** What the password field holds now. */
    public String enteredPassword() {
        return valueOf(fieldLabelled(driver().findElement(FORM), "Password"));
    }
}
