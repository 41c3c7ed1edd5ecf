package dev.postmaster.console.pages;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Reads a PrimeFaces data table the way a person reads it: the rows shown on the current page, each as the text
 * of its cells. The "no rows" line is not a row.
 */
final class Tables {

    private Tables() {
    }

    /** The rows the table {@code tableId} shows now; each row is the trimmed text of its cells. */
    static List<List<String>> rows(Browser browser, String tableId) {
        return browser.driver().findElements(By.cssSelector("[id='" + tableId + "_data'] > tr")).stream()
                .filter(row -> !row.getDomAttribute("class").contains("ui-datatable-empty-message"))
                .map(row -> row.findElements(By.xpath("./td")).stream()
                        .map(cell -> cell.getText().strip())
                        .collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

    /** The row element whose cells include one reading exactly {@code text}. */
    static WebElement rowWith(Browser browser, String tableId, String text) {
        return browser.driver().findElements(By.cssSelector("[id='" + tableId + "_data'] > tr")).stream()
                .filter(row -> row.findElements(By.xpath("./td")).stream()
                        .anyMatch(cell -> cell.getText().strip().equals(text)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No row showing \"" + text + "\" in " + rows(browser, tableId)));
    }

    /** The filter field in the header of the column headed {@code header}. */
    static WebElement filter(Browser browser, String tableId, String header) {
        return browser.driver().findElement(By.id(tableId)).findElement(By.xpath(
                ".//thead//th[.//span[contains(@class,'ui-column-title')][normalize-space()="
                        + Page.xpathLiteral(header) + "]]//input[contains(@class,'ui-column-filter')]"));
    }
}
