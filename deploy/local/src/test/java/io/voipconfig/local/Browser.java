package io.voipconfig.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.voipconfig.localinfra.ProjectFiles;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (no browser download, no Selenium Manager), with
 * the flags this machine's closed network needs; one fresh profile per instance, so every test signs in anew.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    Browser(String language, int width) throws IOException {
        profile = Files.createTempDirectory("voipconfig-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(binary("VOIPCONFIG_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--window-size=" + width + ",1000", "--lang=" + language)
                .setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                        "download.default_directory", profile.resolve("downloads").toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(binary("VOIPCONFIG_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
    }

    private static String binary(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Opens a console URL and signs in on Keycloak's page; returns once the console shows a heading. */
    Browser signIn(String url, String user) {
        driver.get(url);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().contains("/console/") && !d.getCurrentUrl().contains("/callback"));
        heading();
        return this;
    }

    /** Navigates inside the console (a reload: the tokens are in memory, so Keycloak's session signs in again). */
    Browser open(String url) {
        driver.get(url);
        heading();
        return this;
    }

    /** The page's title, or a problem's title (a not-found page has no heading but an alert). */
    String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h2, main [role=alert]")))
                .getText().lines().findFirst().orElse("");
    }

    WebElement button(String text) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space(.)=" + literal(text) + "]")));
    }

    List<WebElement> buttons(String text) {
        return driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(text) + "]"));
    }

    WebElement field(String label) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space(.)=" + literal(label) + " or normalize-space(.)="
                        + literal(label + " *")
                        + "]/following::*[self::input or self::textarea][1]")));
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    /** Puts {@code text} into a field as a paste does (one input event): a large file's text, typed key by key, takes minutes. */
    void paste(String label, String text) {
        driver.executeScript(
                "const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(arguments[0]), 'value').set;"
                        + " setter.call(arguments[0], arguments[1]);"
                        + " arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                field(label), text);
    }

    /** Types into the header's MAC search and submits it. */
    void find(String mac) {
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("mac")));
        search.clear();
        search.sendKeys(mac, org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("/console/find?mac="));
        heading();
    }

    /** The page must have no serious or critical accessibility violation (axe-core, WCAG 2 A and AA rules). */
    void assertAccessible(String page) throws IOException {
        Path axe = ProjectFiles.find("portal-api/src/main/webui/node_modules/axe-core/axe.min.js");
        JavascriptExecutor js = driver;
        js.executeScript(Files.readString(axe));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                """
                        const done = arguments[arguments.length - 1];
                        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                          .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                         nodes: v.nodes.slice(0, 3).map(n => n.html + ' — ' + n.any.concat(n.all).map(c => c.message).join('; ')) }))))
                          .catch(e => done([{ id: 'axe-error', help: String(e) }]));
                        """);
        assertThat(violations).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** An XPath string literal for any text (quotes included). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    /** A file the page downloaded, once it is complete (Chromium writes {@code <name>.crdownload} until then). */
    String downloaded(String name) throws IOException {
        Path file = profile.resolve("downloads").resolve(name);
        wait.until(d -> Files.exists(file) && !Files.exists(file.resolveSibling(name + ".crdownload")));
        return Files.readString(file);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
