package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code preferences.xhtml}, "Me › Preferences": one switch per kind of notification, each with its default. */
public final class PreferencesPage extends ConsolePage {

    private static final By FORM = By.id("preferences");

    private PreferencesPage(Browser browser, String step) {
        super(browser, "Preferences", step);
    }

    /** Opens "Me" &gt; "Preferences" from the menu of {@code from}. */
    public static PreferencesPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Me", "Preferences");
        return new PreferencesPage(from.browser, "preferences-from-menu");
    }

    private WebElement panel() {
        return driver().findElement(FORM).findElement(By.xpath(
                ".//div[contains(@class,'ui-panel')][.//span[contains(@class,'ui-panel-title')]"
                        + "[normalize-space()='Email Notifications']]"));
    }

    public PreferencesPage set(String label, boolean on) {
        Widgets.check(browser, fieldLabelled(panel(), label), on);
        return this;
    }

    public boolean isOn(String label) {
        return fieldLabelled(panel(), label).isSelected();
    }

    /** The default shown beside a switch, e.g. "Default: on". */
    public String defaultOf(String label) {
        return Page.hintsBeside(fieldLabelled(panel(), label));
    }

    public PreferencesPage save() {
        WebElement form = driver().findElement(FORM);
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        browser.capture("preferences-saved");
        return this;
    }

    public String message() {
        return String.join(" ", texts(driver(), By.id("preferences:messages")));
    }
}
