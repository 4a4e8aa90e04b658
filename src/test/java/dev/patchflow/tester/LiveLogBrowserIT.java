package dev.patchflow.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchflow.config.DatabaseConfig;
import dev.patchflow.config.TestConfig;
import dev.patchflow.store.Database;
import dev.patchflow.store.TestJobRepository;
import dev.patchflow.testing.Tools;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A running test's log watched live: the log endpoint read from an offset gives only the new
 * text, and the job page in real headless Chromium (Debian's chromium and chromedriver) grows
 * as the real runner's script writes, then stops at the job's end.
 */
class LiveLogBrowserIT {
  @TempDir Path tmp;

  @Test
  void theJobPageFollowsARunningLogUntilTheJobEnds() throws Exception {
    Tools.require("chromium"); // before the runner starts: a skip must not leave it waiting
    Tools.require("chromedriver");
    Path go = tmp.resolve("go");
    // what it prints is quoted apart in the script, as the log starts with the script's text
    String script = "echo first-\"line\"; while [ ! -e " + go + " ]; do sleep 0.2; done; echo second-\"line\"";
    Database db = Database.open(DatabaseConfig.EMBEDDED, tmp.resolve("home"));
    try (TesterFixture f = new TesterFixture(db, tmp, TesterFixture.project(List.of(
        new TestConfig("slow", script, 120, List.of(), null))), LeasePolicy.DEFAULT, JobReports.Listener.NONE)) {
      f.applyOne();
      Runner runner = new Runner(f.client(f.server.testerToken), Workspace.open(tmp.resolve("work")), "box", List.of(),
          List.of());
      CompletableFuture<Runner.Turn> run = CompletableFuture.supplyAsync(() -> {
        try {
          return runner.once();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long job = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM test_job").mapTo(Long.class).one());
      String log = "/api/v1/jobs/" + job + "/log";
      HttpResponse<String> first = waitFor(() -> f.server.get(log, null), r -> r.body().contains("first-line"));
      assertThat(first.headers().firstValue("X-Job-State")).hasValue("running");
      long offset = Long.parseLong(first.headers().firstValue("X-Log-Offset").orElseThrow());
      assertThat(offset).isEqualTo(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      HttpResponse<String> nothingNew = f.server.get(log + "?offset=" + offset, null);
      assertThat(nothingNew.body()).isEmpty();
      assertThat(nothingNew.headers().firstValue("X-Log-Offset")).hasValue(Long.toString(offset));

      WebDriver browser = browser();
      try {
        browser.get(f.server.url("/jobs/" + job + "/"));
        assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("running");
        assertThat(browser.findElement(By.id("log")).getText()).contains("first-line").doesNotContain("second-line");

        Files.writeString(go, "");
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Runner.Turn.REPORTED);
        HttpResponse<String> rest = f.server.get(log + "?offset=" + offset, null);
        assertThat(rest.body()).contains("second-line").doesNotContain("first-line");
        assertThat(rest.headers().firstValue("X-Job-State")).hasValue("success");

        // the page, loaded while the job ran, takes in the rest and sees the end, without a reload
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("job-state")).getText()
            .equals("success"));
        String shown = browser.findElement(By.id("log")).getText();
        assertThat(shown).contains("second-line").contains("[exit code 0]");
        assertThat(shown.split("first-line", -1)).as("the text it had is not added again").hasSize(2);
        String full = f.server.get(log, null).body();
        assertThat(shown.strip()).isEqualTo(full.strip());
        assertThat(browser.findElement(By.id("log")).getAttribute("data-growing")).isEqualTo("false");
      } finally {
        browser.quit();
      }
      TestJobRepository.Job j = db.jdbi().withHandle(h -> new TestJobRepository().get(h, job)).orElseThrow();
      assertThat(j.state()).isEqualTo("success");
      // an ended job's page has no script to run
      assertThat(f.server.get("/jobs/" + job + "/", null).body()).doesNotContain("joblog.js").contains("second-line");
    }
  }

  private WebDriver browser() throws Exception {
    Path chromium = Tools.require("chromium");
    Path driver = Tools.require("chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory(tmp, "chrome"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }

  private static <T> T waitFor(java.util.concurrent.Callable<T> get, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      T t = get.call();
      if (done.test(t)) {
        return t;
      }
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
