package dev.postmaster.console.pages;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The headless Chromium the browser tests drive, as a JUnit 5 extension. It exists so that no test deals with
 * browser plumbing: each test starts without cookies or stored data (so with a fresh session), every page a
 * test reaches is saved as a screenshot under {@code screenshots.dir}, a failing test leaves one more screenshot
 * and the page source behind, and page objects get one way to wait for a Faces page to be ready (document
 * loaded, PrimeFaces' AJAX queue empty, no animation running).
 *
 * <p>One Chromium serves every test of the run: starting it takes longer than most tests' steps, and clearing
 * its cookies and the application's stored data between tests gives each test the same clean start a new
 * browser would. It is closed when the test run ends, and replaced if clearing it fails.
 *
 * <p>Only the Chromium and chromedriver installed on the machine are used; Selenium Manager never runs, because
 * the driver executable and the browser binary are both given explicitly.
 */
public final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(25);
    /** The window every test starts with: tall, so that whole-page screenshots need little stitching. */
    private static final Dimension WINDOW = new Dimension(1280, 2000);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browser.class);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /**
     * True once the page is loaded, PrimeFaces (where the page has it) has no AJAX request under way, and no
     * jQuery animation runs (a dialog fading in, for example, is not yet what a person sees).
     */
    private static final String SETTLED = "return document.readyState === 'complete'"
            + " && (typeof PrimeFaces === 'undefined' || !PrimeFaces.ajax || !PrimeFaces.ajax.Queue"
            + "     || PrimeFaces.ajax.Queue.isEmpty())"
            + " && (typeof jQuery === 'undefined' || (jQuery.active === 0 && jQuery(':animated').length === 0));";

    private final Supplier<URL> baseUrl;
    private final Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private ChromeDriver driver;
    private String testName;
    private int step;

    /**
     * @param baseUrl where the application is deployed; read when a test first opens a page, so it may name a
     *        field that Arquillian injects later
     */
    public Browser(Supplier<URL> baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
        step = 0;
        driver = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedChromium.class, key -> new SharedChromium(startChromium()),
                        SharedChromium.class)
                .driver();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Optional<Throwable> failure = context.getExecutionException();
        if (failure.isPresent() && driver != null) {
            try {
                save("FAILED");
                Files.writeString(screenshots.resolve(testName + "-FAILED.html"),
                        Optional.ofNullable(driver.getPageSource()).orElse(""), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                failure.get().addSuppressed(e);
            }
        }
    }

    /** Leaves the shared Chromium as a new one would be: no cookies, nothing stored, a blank page. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        try {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            URI base = URI.create(resolve(""));
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of(
                    "origin", base.getScheme() + "://" + base.getAuthority(), "storageTypes", "all"));
            driver.get("about:blank");
            driver.manage().window().setSize(WINDOW);
        } catch (RuntimeException e) {
            SharedChromium broken = context.getRoot().getStore(NAMESPACE).remove(SharedChromium.class,
                    SharedChromium.class);
            if (broken != null) {
                broken.close();
            }
        } finally {
            driver = null;
        }
    }

    /** The one Chromium of the test run; JUnit closes it when the run ends. */
    private record SharedChromium(ChromeDriver driver) implements AutoCloseable {

        @Override
        public void close() {
            driver.quit();
        }
    }

    private static ChromeDriver startChromium() {
        if (System.getProperty("webdriver.chrome.driver") == null) {
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        ChromeDriver chromium = new ChromeDriver(service, options);
        chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return chromium;
    }

    /** The browser of the running test. */
    public WebDriver driver() {
        return chromium();
    }

    private ChromeDriver chromium() {
        if (driver == null) {
            throw new IllegalStateException("The browser runs only during a test; register Browser with"
                    + " @RegisterExtension");
        }
        return driver;
    }

    /** Makes the browser window {@code width} by {@code height} pixels, as on a smaller screen. */
    public void resizeWindow(int width, int height) {
        driver().manage().window().setSize(new Dimension(width, height));
        settle();
    }

    /** Gives the browser window back the size every test starts with. */
    public void restoreWindow() {
        resizeWindow(WINDOW.getWidth(), WINDOW.getHeight());
    }

    /** Loads a page of the application, {@code path} being relative to its context root. */
    public void open(String path) {
        driver().get(resolve(path));
        settle();
    }

    private String resolve(String path) {
        String base = baseUrl.get().toExternalForm();
        return URI.create(base.endsWith("/") ? base : base + "/").resolve(path).toString();
    }

    /** The path of the current page, without the query: {@code /postmaster/login.xhtml}. */
    public String currentPath() {
        return URI.create(driver().getCurrentUrl()).getPath();
    }

    /** The type the browser parsed the current page as: {@code text/html}, or for example an XML type. */
    public String contentType() {
        return (String) ((JavascriptExecutor) driver()).executeScript("return document.contentType;");
    }

    /** Waits until the page is loaded and no PrimeFaces AJAX request is under way. */
    public void settle() {
        until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(SETTLED)));
    }

    /**
     * Waits until {@code condition} returns something other than null or false, and returns it. It looks again
     * every {@link #POLL}: most waits are for one AJAX round trip of a few milliseconds, and Selenium's default
     * of half a second would make each of them cost that much. A condition that reads part of the page while an
     * AJAX response replaces it (a stale element) is simply asked again.
     */
    public <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver(), TIMEOUT, POLL).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Clicks something that loads a whole new page (a non-AJAX button or a link) and waits for that page. */
    public void clickToLoadPage(WebElement target) {
        WebElement oldPage = driver().findElement(By.tagName("html"));
        target.click();
        until(ExpectedConditions.stalenessOf(oldPage));
        settle();
    }

    /**
     * Clicks a PrimeFaces AJAX button whose response replaces {@code replaced} (for example the button's own form
     * with {@code update="@form"}), and waits until the new content is in place.
     */
    public void clickToUpdate(WebElement target, WebElement replaced) {
        target.click();
        until(ExpectedConditions.stalenessOf(replaced));
        settle();
    }

    /** Saves a screenshot of the current page, named after the test and this step. */
    public void capture(String stepName) {
        step++;
        save(String.format("%02d-%s", step, stepName));
    }

    /**
     * Saves a screenshot of one part of the page, such as a dialog: on a whole-page screenshot a modal dialog
     * sits wherever the window happened to be scrolled to, under an overlay that covers only the window.
     */
    public void capture(String stepName, WebElement part) {
        step++;
        write(String.format("%02d-%s", step, stepName), part.getScreenshotAs(OutputType.BYTES));
    }

    private void save(String suffix) {
        write(suffix, wholePage());
    }

    private void write(String suffix, byte[] png) {
        String name = testName + "-" + suffix.replaceAll("[^A-Za-z0-9._-]+", "-");
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the screenshot " + name, e);
        }
    }

    /** A PNG of the whole page, not just the window: the Email page is longer than any sensible window. */
    private byte[] wholePage() {
        ChromeDriver chromium = chromium();
        Map<String, Object> size = asMap(chromium.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                .get("cssContentSize"));
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = chromium.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
