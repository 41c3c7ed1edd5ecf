package dev.postmaster.console.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code tasks/edit.xhtml}, {@code projects/edit.xhtml} or {@code appointments/edit.xhtml}, for a new record or
 * {@code ?id=N} (the address notification mails link to). Fields are found by their labels.
 */
public final class WorkEditPage extends ConsolePage {

    private final Work kind;

    private WorkEditPage(Browser browser, Work kind, String step) {
        super(browser, By.xpath("//main//h1[normalize-space()=" + xpathLiteral(kind.newHeading)
                + " or normalize-space()=" + xpathLiteral(kind.editHeading) + "]"), step);
        this.kind = kind;
    }

    /** Opens {@code <kind>/edit.xhtml?id=}{@code id} by its address, as a link in a mail does. */
    public static WorkEditPage open(Browser browser, Work kind, long id, String step) {
        browser.open(kind.folder + "/edit.xhtml?id=" + id);
        return new WorkEditPage(browser, kind, step);
    }

    /** The edit page the browser shows now (for example after signing in to follow a link). */
    public static WorkEditPage expect(Browser browser, Work kind, String step) {
        return new WorkEditPage(browser, kind, step);
    }

    /**
     * Opens the edit page of a record that does not exist, and returns what the page says instead of a form.
     */
    public static String openMissing(Browser browser, Work kind, String id) {
        browser.open(kind.folder + "/edit.xhtml?id=" + id);
        WebElement missing = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("missing")));
        browser.capture(kind.form + "-missing");
        return missing.getText().strip();
    }

    private WebElement form() {
        return driver().findElement(By.id(kind.form));
    }

    public WorkEditPage fill(String label, String text) {
        type(fieldLabelled(form(), label), text);
        return this;
    }

    /** Types into a date (and time) field, e.g. "2026-12-31" or "2026-12-31 09:30". */
    public WorkEditPage date(String label, String text) {
        Widgets.typeDate(browser, fieldLabelled(form(), label), text);
        return this;
    }

    /** Chooses one entry of a menu by the label it shows, e.g. "Bob Baker (bob)" or "Nobody". */
    public WorkEditPage choose(String label, String option) {
        Widgets.selectOne(browser, fieldLabelled(form(), label), option);
        return this;
    }

    /** Ticks entries of a multiple-choice menu (members, attendees) by the labels they show. */
    public WorkEditPage chooseAll(String label, List<String> options) {
        Widgets.selectMany(browser, fieldLabelled(form(), label), options);
        return this;
    }

    public String valueOf(String label) {
        return Page.valueOf(fieldLabelled(form(), label));
    }

    /** The entry a menu shows as chosen. */
    public String chosen(String label) {
        return Widgets.selectedOne(fieldLabelled(form(), label));
    }

    /** Text the page shows by id inside the form, such as {@code members} or {@code attendees}. */
    public String shown(String id) {
        return driver().findElement(By.id(id)).getText().strip();
    }

    /** Saves, and arrives on the list with the message the save left. */
    public WorkListPage save() {
        browser.clickToLoadPage(form().findElement(By.xpath(".//button[normalize-space()='Save']")));
        return WorkListPage.expect(browser, kind, kind.form + "-saved");
    }

    /** Saves input that must be refused, and stays on this page. */
    public WorkEditPage saveExpectingProblems(String step) {
        WebElement form = form();
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        browser.capture(step);
        return this;
    }

    /** Clicks "Cancel appointment" and confirms it; the page then shows the appointment as cancelled. */
    public WorkEditPage cancelAppointment() {
        WebElement form = form();
        form.findElement(By.xpath(".//button[normalize-space()='Cancel appointment']")).click();
        Widgets.confirm(browser, "Cancel appointment", form, "appointment-cancelled");
        return this;
    }

    public String messageBeside(String label) {
        return Page.messageBeside(fieldLabelled(form(), label));
    }

    /** The messages at the top of the form that belong to no single field. */
    public String formMessages() {
        return String.join(" ", texts(driver(), By.id(kind.form + ":messages")));
    }

    /** The banner of a cancelled appointment, or "". */
    public String cancelledBanner() {
        return String.join(" ", texts(driver(), By.id(kind.form + ":cancelledBanner")));
    }

    /** A comment as the record's page shows it. */
    public record Comment(String author, String text) {
    }

    /** The comments shown under the record, oldest first. */
    public List<Comment> comments() {
        return driver().findElements(By.cssSelector(".pm-comment")).stream()
                .map(comment -> new Comment(comment.findElement(By.cssSelector(".pm-comment-head strong")).getText()
                        .strip(), comment.findElement(By.cssSelector(".pm-comment-body")).getText().strip()))
                .toList();
    }

    /** The warning about the signed-in user's missing default address, or "" when it is not shown. */
    public String ownAddressWarning() {
        return String.join(" ", texts(driver(), By.id(kind.form + ":ownAddressWarning")));
    }
}
