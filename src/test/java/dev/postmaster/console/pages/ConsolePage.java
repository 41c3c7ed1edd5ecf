package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A page in the console layout ({@code WEB-INF/templates/console.xhtml}): the menu bar with the Admin Settings
 * menu, who is signed in, and Sign out. Every signed-in page extends it, so these parts are located in one place.
 * A page is recognised by its {@code <h1>}, which the layout fills from the page's title.
 */
public abstract class ConsolePage extends Page {

    private static final By ROOT_MENU_LINKS = By.xpath(
            "//form[@id='menu']//*[contains(@class,'ui-menubar')]/ul/li/a[contains(@class,'ui-menuitem-link')]");

    protected ConsolePage(Browser browser, String heading, String step) {
        super(browser, By.xpath("//main//h1[normalize-space()='" + heading + "']"), step);
    }

    /** For a page recognised by something other than one fixed heading (a page that is "New task" or "Edit task"). */
    protected ConsolePage(Browser browser, By identity, String step) {
        super(browser, identity, step);
    }

    /** The "Signed in as …" text of the menu bar. */
    public String signedInAs() {
        return driver().findElement(By.cssSelector("#menu .pm-user")).getText().strip();
    }

    /** The banner every page shows while the signed-in user's default address waits for confirmation, or "". */
    public String unverifiedAddressBanner() {
        return String.join(" ", texts(driver(), By.id("unverifiedBanner"))).replaceAll("\\s+", " ");
    }

    /** The labels of the menu bar's top-level entries, as shown. */
    public List<String> menu() {
        return driver().findElements(ROOT_MENU_LINKS).stream()
                .map(link -> link.getText().strip())
                .collect(Collectors.toList());
    }

    /** Opens "Admin Settings" &gt; "Email" the way a person does: point at the menu, then click the entry. */
    public EmailSettingsPage openEmailSettingsFromMenu() {
        chooseFromMenu("Admin Settings", "Email");
        return EmailSettingsPage.expect(browser, "email-from-menu");
    }

    /**
     * Opens {@code submenu} &gt; {@code entry} the way a person does: point at the menu, then click the entry, and
     * wait for the page it leads to. The caller then expects that page's object.
     */
    public void chooseFromMenu(String submenu, String entry) {
        WebElement menu = rootMenu(submenu);
        new Actions(driver()).moveToElement(menu).perform();
        WebElement item = browser.until(ExpectedConditions.visibilityOf(menu.findElement(
                By.xpath("following-sibling::ul//a[normalize-space()=" + xpathLiteral(entry) + "]"))));
        browser.capture("menu-" + submenu + "-" + entry);
        browser.clickToLoadPage(item);
    }

    /** The entries of {@code submenu}, as labelled (read from the page, whether the menu is open or not). */
    public List<String> menuEntries(String submenu) {
        return rootMenu(submenu).findElements(By.xpath("following-sibling::ul//a")).stream()
                .map(link -> link.getDomProperty("textContent").strip())
                .collect(Collectors.toList());
    }

    private WebElement rootMenu(String label) {
        return driver().findElements(ROOT_MENU_LINKS).stream()
                .filter(link -> link.getText().strip().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No menu \"" + label + "\" in " + menu()));
    }

    /** Clicks "Sign out" and arrives on the sign-in page. */
    public LoginPage signOut() {
        browser.clickToLoadPage(
                driver().findElement(By.xpath("//form[@id='menu']//button[normalize-space()='Sign out']")));
        return LoginPage.expect(browser, "signed-out");
    }
}
