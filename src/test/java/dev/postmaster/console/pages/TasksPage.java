package dev.postmaster.console.pages;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openqa.selenium.By;

/** {@code tasks/list.xhtml}, "Work › Tasks": the table of tasks and the way to a new one. */
public final class TasksPage extends ConsolePage {

    public static final String PATH = "tasks/list.xhtml";
    private static final String TABLE = "tasks:table";

    /** A row of the table, as shown. */
    public record Row(String title, String due, String assignee, String status) {
    }

    private TasksPage(Browser browser, String step) {
        super(browser, "Tasks", step);
    }

    public static TasksPage open(Browser browser, String step) {
        browser.open(PATH);
        return new TasksPage(browser, step);
    }

    /** Opens "Work" &gt; "Tasks" from the menu of {@code from}. */
    public static TasksPage fromMenu(ConsolePage from) {
        from.chooseFromMenu("Work", "Tasks");
        return new TasksPage(from.browser, "tasks-from-menu");
    }

    static TasksPage expect(Browser browser, String step) {
        return new TasksPage(browser, step);
    }

    public TaskEditPage newTask() {
        browser.clickToLoadPage(driver().findElement(By.xpath("//form[@id='tasks']//a[normalize-space()='New task']")));
        return TaskEditPage.expect(browser, "new-task");
    }

    /** Opens the task titled {@code title} from its link in the table. */
    public TaskEditPage open(String title) {
        browser.clickToLoadPage(Tables.rowWith(browser, TABLE, title).findElement(By.linkText(title)));
        return TaskEditPage.expect(browser, "task-opened");
    }

    public List<Row> rows() {
        return Tables.rows(browser, TABLE).stream().map(cells -> new Row(cells.get(0), cells.get(1), cells.get(2),
                cells.get(3))).collect(Collectors.toList());
    }

    /** Types into the Title column's filter and waits until every row shown matches {@code expected}. */
    public TasksPage filterByTitle(String text, Predicate<List<Row>> expected) {
        type(Tables.filter(browser, TABLE, "Title"), text);
        browser.until(driver -> expected.test(rows()));
        browser.settle();
        browser.capture("tasks-filtered");
        return this;
    }

    /** The message above the table, such as the one a save leaves. */
    public String message() {
        return String.join(" ", texts(driver(), By.id("tasks:messages")));
    }
}
