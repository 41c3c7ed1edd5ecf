package dev.postmaster.console.pages;

import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;

/**
 * {@code tasks/list.xhtml}, {@code projects/list.xhtml} or {@code appointments/list.xhtml} ("Work › …"): the table
 * of records, each titled with a link to its edit page, and the button to a new one.
 */
public final class WorkListPage extends ConsolePage {

    private final Work kind;

    private WorkListPage(Browser browser, Work kind, String step) {
        super(browser, kind.heading, step);
        this.kind = kind;
    }

    /** Opens "Work" &gt; tasks, projects or appointments from the menu of {@code from}. */
    public static WorkListPage fromMenu(ConsolePage from, Work kind) {
        from.chooseFromMenu("Work", kind.heading);
        return new WorkListPage(from.browser, kind, kind.folder + "-from-menu");
    }

    static WorkListPage expect(Browser browser, Work kind, String step) {
        return new WorkListPage(browser, kind, step);
    }

    private String table() {
        return kind.listForm() + ":table";
    }

    /** Clicks "New task" (or project, appointment). */
    public WorkEditPage create() {
        browser.clickToLoadPage(driver().findElement(By.xpath("//form[@id='" + kind.listForm()
                + "']//a[normalize-space()=" + xpathLiteral(kind.newHeading) + "]")));
        return WorkEditPage.expect(browser, kind, "new-" + kind.form);
    }

    /** Opens the record titled {@code title} from its link in the table. */
    public WorkEditPage open(String title) {
        browser.clickToLoadPage(Tables.rowWith(browser, table(), title).findElement(By.linkText(title)));
        return WorkEditPage.expect(browser, kind, kind.form + "-opened");
    }

    /** The rows shown, each as the text of its cells, in the order of the columns. */
    public List<List<String>> rows() {
        return Tables.rows(browser, table());
    }

    /** The row whose first cell (the title or name) is {@code title}. */
    public List<String> row(String title) {
        return rows().stream().filter(cells -> cells.get(0).equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("No row \"" + title + "\" in " + rows()));
    }

    /**
     * Types into the filter of the column headed {@code header} and waits until the rows shown satisfy
     * {@code expected}.
     */
    public WorkListPage filter(String header, String text, Predicate<List<List<String>>> expected) {
        type(Tables.filter(browser, table(), header), text);
        browser.until(driver -> expected.test(rows()));
        browser.settle();
        browser.capture(kind.folder + "-filtered");
        return this;
    }

    /** The message above the table, such as the one a save leaves. */
    public String message() {
        return String.join(" ", texts(driver(), By.id(kind.listForm() + ":messages")));
    }
}
