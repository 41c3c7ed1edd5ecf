package dev.postmaster.console.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The steps every create/edit dialog of the admin tables shares (Users, Contacts): it is open, its fields are
 * filled by label, Save either closes it and redraws the table or keeps it open with the problems beside the
 * fields, and Close leaves without saving.
 *
 * @param <D> the dialog itself, so that its steps chain
 * @param <P> the page the dialog belongs to
 */
abstract class EditorDialog<D extends EditorDialog<D, P>, P extends ConsolePage> {

    private static final By DIALOG = By.id("editorDialog");
    private static final By FORM = By.id("editor");

    protected final P page;
    private final String table;
    private final String savedStep;

    /**
     * @param table the id of the table a save redraws
     * @param step the screenshot of the open dialog
     * @param savedStep the screenshot after a save
     */
    protected EditorDialog(P page, String table, String step, String savedStep) {
        this.page = page;
        this.table = table;
        this.savedStep = savedStep;
        page.browser.until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        page.browser.settle();
        page.browser.capture(step);
    }

    protected abstract D self();

    protected WebElement form() {
        return page.driver().findElement(FORM);
    }

    protected WebElement field(String label) {
        return page.fieldLabelled(form(), label);
    }

    public D fill(String label, String text) {
        Page.type(field(label), text);
        return self();
    }

    public String valueOf(String label) {
        return Page.valueOf(field(label));
    }

    /** Saves; the dialog closes and the table shows the change. */
    public P save() {
        WebElement shown = page.driver().findElement(By.id(table));
        form().findElement(By.xpath(".//button[normalize-space()='Save']")).click();
        page.browser.until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        page.browser.until(ExpectedConditions.stalenessOf(shown));
        page.browser.settle();
        page.browser.capture(savedStep);
        return page;
    }

    /** Saves input that must be refused; the dialog stays open with the problems beside the fields. */
    public D saveExpectingProblems(String step) {
        WebElement form = form();
        page.browser.clickToUpdate(form.findElement(By.xpath(".//button[normalize-space()='Save']")), form);
        page.browser.until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        page.browser.capture(step);
        return self();
    }

    public String messageBeside(String label) {
        return Page.messageBeside(field(label));
    }

    /** Closes the dialog without saving. */
    public P close() {
        form().findElement(By.xpath(".//button[normalize-space()='Close']")).click();
        page.browser.until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        page.browser.settle();
        return page;
    }
}
