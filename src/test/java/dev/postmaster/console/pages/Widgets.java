package dev.postmaster.console.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * How a person works PrimeFaces' composite widgets, for the page objects: a label points at the widget's hidden
 * or focus input, while a person clicks the visible box, picks an entry from the panel that opens, and closes it.
 * Each method starts from the element a label names (see {@link Page#fieldLabelled}), so the label-to-field tie is
 * checked as for plain inputs.
 */
final class Widgets {

    private Widgets() {
    }

    /** The widget's outer element: the nearest ancestor carrying {@code cssClass}. */
    private static WebElement widget(WebElement labelled, String cssClass) {
        return labelled.findElement(By.xpath(
                "ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' " + cssClass + " ')][1]"));
    }

    /**
     * Waits until the overlay panel {@code panel} has finished opening: PrimeFaces marks that with a class, and
     * before it, a click or a key in the panel may be ignored.
     */
    private static WebElement opened(Browser browser, By panel) {
        WebElement shown = browser.until(ExpectedConditions.visibilityOfElementLocated(panel));
        browser.until(driver -> hasOpened(shown));
        return shown;
    }

    private static boolean hasOpened(WebElement panel) {
        return panel.getDomAttribute("class").contains("ui-connected-overlay-enter-done");
    }

    /** Picks the entry whose label is {@code option} in a {@code p:selectOneMenu}. */
    static void selectOne(Browser browser, WebElement labelled, String option) {
        closeStrayCalendars(browser);
        WebElement menu = widget(labelled, "ui-selectonemenu");
        String panelId = menu.getDomAttribute("id") + "_panel";
        menu.findElement(By.cssSelector(".ui-selectonemenu-trigger")).click();
        WebElement panel = opened(browser, By.id(panelId));
        WebElement item = panel.findElement(By.xpath(".//li[@data-label=" + Page.xpathLiteral(option) + "]"));
        item.click();
        browser.until(ExpectedConditions.invisibilityOf(panel));
        browser.settle();
    }

    /** The label of the entry a {@code p:selectOneMenu} shows as chosen. */
    static String selectedOne(WebElement labelled) {
        return widget(labelled, "ui-selectonemenu").findElement(By.cssSelector(".ui-selectonemenu-label")).getText()
                .strip();
    }

    /**
     * Closes a date picker's calendar that opened again after it was closed (focus and typing can reopen it a
     * moment later), the way a person does: by clicking the page heading, outside every field. A calendar left
     * open covers the fields below it.
     */
    static void closeStrayCalendars(Browser browser) {
        browser.until(driver -> {
            List<WebElement> open = driver.findElements(By.cssSelector(".ui-datepicker[id$='_panel']")).stream()
                    .filter(WebElement::isDisplayed).toList();
            if (open.isEmpty()) {
                return true;
            }
            driver.findElement(By.tagName("h1")).click();
            return false;
        });
        browser.settle();
    }

    /** Ticks the entries {@code options} in a {@code p:selectCheckboxMenu}, then closes its panel. */
    static void selectMany(Browser browser, WebElement labelled, List<String> options) {
        closeStrayCalendars(browser);
        WebElement menu = widget(labelled, "ui-selectcheckboxmenu");
        String panelId = menu.getDomAttribute("id") + "_panel";
        menu.click();
        WebElement panel = opened(browser, By.id(panelId));
        for (String option : options) {
            WebElement item = panel.findElement(By.xpath(".//li[@data-item-value][.//label[normalize-space()="
                    + Page.xpathLiteral(option) + "]]"));
            WebElement box = item.findElement(By.cssSelector(".ui-chkbox-box"));
            if (!box.getDomAttribute("class").contains("ui-state-active")) {
                box.click();
                browser.until(driver -> box.getDomAttribute("class").contains("ui-state-active"));
            }
        }
        panel.findElement(By.cssSelector(".ui-selectcheckboxmenu-close")).click();
        browser.until(ExpectedConditions.invisibilityOf(panel));
        browser.settle();
    }

    /**
     * Answers the confirmation that a button opened by clicking its {@code answer} button (e.g. "Deactivate"),
     * and waits until {@code replaced} has been redrawn by the action it confirmed.
     */
    static void confirm(Browser browser, String answer, WebElement replaced, String step) {
        WebElement confirmation = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                ".ui-confirm-dialog")));
        // It fades in; the screenshot should show it as a person reads it.
        browser.until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return jQuery(':animated').length === 0;")));
        browser.capture(step + "-confirmation");
        browser.clickToUpdate(confirmation.findElement(By.xpath(".//button[normalize-space()="
                + Page.xpathLiteral(answer) + "]")), replaced);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
        browser.capture(step);
    }

    /** Sets a {@code p:selectBooleanCheckbox} by clicking its visible box, and waits for the input to follow. */
    static void check(Browser browser, WebElement labelledInput, boolean checked) {
        if (labelledInput.isSelected() != checked) {
            widget(labelledInput, "ui-chkbox").findElement(By.cssSelector(".ui-chkbox-box")).click();
            browser.until(driver -> labelledInput.isSelected() == checked);
        }
    }

    /** Types a date (and time) into a {@code p:datePicker} and closes its calendar. */
    static void typeDate(Browser browser, WebElement input, String text) {
        input.clear();
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
        // The calendar opened when the field got the focus. Escape closes it, but only once it has finished
        // opening (PrimeFaces marks that with a class), and the typing may open it once more after that; so, like
        // a person, press Escape until it is closed. Until then it covers the fields below it.
        String id = input.getDomAttribute("id");
        WebElement panel = browser.driver().findElement(By.id(id.substring(0, id.length() - "_input".length())
                + "_panel"));
        browser.until(driver -> {
            if (!panel.isDisplayed()) {
                return true;
            }
            if (hasOpened(panel)) {
                input.sendKeys(Keys.ESCAPE);
            }
            return false;
        });
        browser.settle();
        closeStrayCalendars(browser);
    }
}
