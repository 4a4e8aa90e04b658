package dev.patchflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.api.v1.NativeApi;
import dev.patchflow.config.Config;
import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.store.Database;
import dev.patchflow.testing.BackportRuns;
import dev.patchflow.testing.TestServer;
import dev.patchflow.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/** The web UI in real headless Chromium (Debian's chromium and chromedriver). */
class WebUiBrowserIT {
  @TempDir static Path tmp;
  static TestServer server;
  static WebDriver browser;

  static final String HOSTILE = "From: \"<img src=x onerror=window.__xss=1>\" <evil@example.org>\n"
      + "To: widgets@lists.example.org\nList-Id: <widgets.lists.example.org>\n"
      + "Subject: [PATCH] <script>window.__xss=2</script> <b onmouseover=window.__xss=3>bold</b>\n"
      + "Message-ID: <hostile.1@example.org>\nDate: Wed, 21 Jan 2026 10:00:00 +0000\n\n"
      + "<script>window.__xss=4</script>\n<iframe src=javascript:window.__xss=5></iframe>\n\n"
      + "Signed-off-by: Evil <evil@example.org>\n---\ndiff --git a/README b/README\n--- a/README\n+++ b/README\n"
      + "@@ -1 +1 @@\n-Widgets\n+<script>window.__xss=6</script>\n";

  @BeforeAll
  static void start() throws Exception {
    Path chromium = Tools.require("chromium");
    Path driver = Tools.require("chromedriver");
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home"));
    server = new TestServer(db, new NativeApi(db, Config.DEFAULT, Clock.systemUTC()),
        new WebUi(db, new dev.patchflow.users.Users(db, Clock.systemUTC()), Clock.systemUTC(),
            BackportRuns.write(tmp.resolve("backport"))));
    assertThat(server.send("POST", "/api/v1/messages", server.importerToken, "message/rfc822", HOSTILE).statusCode())
        .isEqualTo(201);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory(tmp, "chrome"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * The text of {@code element} once the page a form post led to shows {@code expected} there, or
   * its last text after 30 s (the caller's assertion then says what it was).
   */
  private static String afterSubmit(By element, String expected) {
    String[] last = {""};
    try {
      new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> {
            List<WebElement> found = d.findElements(element);
            last[0] = found.isEmpty() ? "" : found.get(0).getText();
            return last[0].contains(expected);
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      // reported by the caller's assertion, with the text seen
    }
    return last[0];
  }

  private static Object xss() {
    return ((JavascriptExecutor) browser).executeScript("return window.__xss === undefined ? null : window.__xss;");
  }

  @Test
  void mailIsShownAsTextAndNeverRuns() {
    browser.get(server.url("/project/" + TestServer.PROJECT + "/list/"));
    assertThat(browser.findElement(By.id("series")).getText()).contains("<script>window.__xss=2</script>");
    assertThat(xss()).isNull();
    browser.findElement(By.partialLinkText("window.__xss=2")).click();
    assertThat(browser.getPageSource()).contains("&lt;script&gt;window.__xss=2&lt;/script&gt;");
    assertThat(xss()).isNull();
    browser.findElement(By.cssSelector("#patches a")).click();
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("<script>window.__xss=4</script>")
        .contains("+<script>window.__xss=6</script>").contains("<img src=x onerror=window.__xss=1>");
    assertThat(browser.findElements(By.tagName("iframe"))).isEmpty();
    assertThat(xss()).isNull();
  }

  @Test
  void maintainerLogsInSearchesOpensASeriesAndAcceptsAPatch() throws Exception {
    // Seen first by an anonymous reader (whose pages are cached): no maintainer form.
    browser.get(server.url("/project/" + TestServer.PROJECT + "/list/"));
    browser.findElement(By.linkText("widget limits")).click();
    browser.findElement(By.linkText("[widgets,v2,3/3] widget: add widget_full()")).click();
    String patchPage = browser.getCurrentUrl();
    assertThat(browser.findElements(By.id("update"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector("header nav")).getText()).contains("log in");

    browser.get(server.url("/login"));
    browser.findElement(By.name("username")).sendKeys("maint");
    browser.findElement(By.name("password")).sendKeys("maintainer-password");
    browser.findElement(By.cssSelector("form.login button")).click();
    // a form post is not waited for by click(): wait for the page it leads to
    assertThat(afterSubmit(By.cssSelector("header nav"), "maint")).contains("maint");

    browser.get(server.url("/project/" + TestServer.PROJECT + "/list/"));
    var box = browser.findElement(By.name("q"));
    box.sendKeys("widget not:obsolete");
    box.submit();
    String results = browser.findElement(By.id("series")).getText();
    assertThat(results).contains("widget limits").contains("v2").doesNotContain("superseded");

    browser.findElement(By.linkText("widget limits")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("widget limits").contains("v2");
    assertThat(browser.findElement(By.cssSelector("p.versions")).getText()).contains("v1").contains("v2");
    Path shot = Path.of("target", "series-page.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    browser.findElement(By.linkText("[widgets,v2,3/3] widget: add widget_full()")).click();
    new Select(browser.findElement(By.name("state"))).selectByValue("accepted");
    browser.findElement(By.cssSelector("#update button")).click();
    assertThat(afterSubmit(By.id("state"), "accepted")).isEqualTo("accepted");
    assertThat(server.get("/api/1.3/patches/?state=accepted", null).body()).contains("widget: add widget_full()");
    // The anonymous copy of the page is out of date now: a reader sees the new state.
    assertThat(server.get(patchPage.substring(patchPage.indexOf("/project/")), null).body())
        .contains("<dd id=\"state\">accepted</dd>").doesNotContain("id=\"update\"");
  }

  @Test
  void aFormWithoutTheSessionsTokenIsRefused() throws Exception {
    var r = server.send("POST", "/patch/1/update", null, "application/x-www-form-urlencoded", "state=accepted&csrf=guess");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
  }

  @Test
  void backportRunsAndTheirResultsAreShown() throws Exception {
    browser.get(server.url("/"));
    browser.findElement(By.linkText("Backport")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Backport runs");
    String runs = browser.findElement(By.id("runs")).getText();
    assertThat(runs).contains(BackportRuns.DONE).contains(BackportRuns.BLOCKED).contains("success 1")
        .contains("build_failed 1").contains("no results.jsonl yet");
    assertThat(browser.findElement(By.id("summaries")).getText()).contains("network unavailable");

    browser.findElement(By.linkText(BackportRuns.DONE)).click();
    var results = browser.findElement(By.id("results"));
    assertThat(results.getText()).contains("111111111111").contains("success").contains("already_integrated")
        .contains("build_failed").contains("routing_none").contains("linux.spec: Patch512")
        .contains("net: fix a leak in <script>window.__xss=1</script>");
    assertThat(xss()).isNull();
    // the stylesheet applies under the CSP: a success and a failed build look different
    String ok = browser.findElement(By.cssSelector("#results .status.success")).getCssValue("background-color");
    String failed = browser.findElement(By.cssSelector("#results .status.build_failed")).getCssValue("background-color");
    assertThat(ok).isNotEqualTo(failed);
    var pr = browser.findElement(By.cssSelector("#results a.pr"));
    assertThat(pr.getAttribute("href")).isEqualTo(BackportRuns.PR);
    assertThat(browser.findElements(By.cssSelector("#results a.pr"))).hasSize(1);
    assertThat(results.getText()).contains("javascript:window.__xss=2");
    Path shot = Path.of("target", "backport-run.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

    browser.findElement(By.cssSelector("#results a[href$='/6.1/111111111111/apply-check.log']")).click();
    assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("patch applies cleanly to v6.1.100");
  }
}
