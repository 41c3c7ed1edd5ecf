package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code tasks/edit.xhtml}, a new task or {@code ?id=N} (the address notification mails link to). Fields are
 * found by their labels.
 */
public final class TaskEditPage extends ConsolePage {

    private static final By FORM = By.id("task");

    private TaskEditPage(Browser browser, String step) {
        super(browser, By.xpath("//main//h1[normalize-space()='New task' or normalize-space()='Edit task']"), step);
    }

    /** Opens {@code tasks/edit.xhtml?id=}{@code id} by its address, as a link in a mail does. */
    public static TaskEditPage open(Browser browser, long id, String step) {
        browser.open("tasks/edit.xhtml?id=" + id);
        return new TaskEditPage(browser, step);
    }

    public static TaskEditPage expect(Browser browser, String step) {
        return new TaskEditPage(browser, step);
    }

    private WebElement form() {
        return driver().findElement(FORM);
    }

    public TaskEditPage title(String title) {
        type(fieldLabelled(form(), "Title"), title);
        return this;
    }

    public TaskEditPage dueDate(String date) {
        Widgets.typeDate(browser, fieldLabelled(form(), "Due date"), date);
        return this;
    }

    /** Chooses the assignee by the label the menu shows, e.g. "Bob Baker (bob)" or "Nobody". */
    public TaskEditPage assignee(String label) {
        Widgets.selectOne(browser, fieldLabelled(form(), "Assignee"), label);
        return this;
    }

    public TaskEditPage status(String label) {
        Widgets.selectOne(browser, fieldLabelled(form(), "Status"), label);
        return this;
    }

    public String valueOf(String label) {
        return Page.valueOf(fieldLabelled(form(), label));
    }

    public String chosen(String label) {
        return Widgets.selectedOne(fieldLabelled(form(), label));
    }

    /** Saves, and arrives on the task list with the message the save left. */
    public TasksPage save() {
        browser.clickToLoadPage(form().findElement(By.xpath(".//button[normalize-space()='Save']")));
        return TasksPage.expect(browser, "task-saved");
    }

    /** Saves input that must be refused, and stays on this page. */
    public TaskEditPage saveExpectingProblems(String step) {
        WebElement form = form();
        browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        browser.until(ExpectedConditions.visibilityOfElementLocated(FORM));
        browser.capture(step);
        return this;
    }

    public String messageBeside(String label) {
        return Page.messageBeside(fieldLabelled(form(), label));
    }

    /** The warning about the signed-in user's missing default address, or "" when it is not shown. */
    public String ownAddressWarning() {
        return String.join(" ", texts(driver(), By.id("task:ownAddressWarning")));
    }
}
