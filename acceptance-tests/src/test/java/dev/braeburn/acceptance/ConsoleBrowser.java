package dev.braeburn.acceptance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's chromium, headless, through its chromedriver (both given
 * explicitly, so Selenium Manager never downloads a browser). {@link #open} skips the test when
 * either binary is absent; .ci/run installs them ({@code apt-get install chromium chromium-driver}).
 * Screenshots go to {@code target/console-screenshots/} (docs/console.md shows copies of them).
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  final WebDriver driver;
  /** A click that submits a form returns before the next page has loaded: wait for what that page shows. */
  final WebDriverWait await;
  private final TestServer server;

  private ConsoleBrowser(TestServer server, WebDriver driver) {
    this.server = server;
    this.driver = driver;
    this.await = new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  static ConsoleBrowser open(TestServer server) {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> chromedriver = onPath("chromedriver");
    assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "chromium and chromedriver are not on PATH");
    ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    return new ConsoleBrowser(server, driver);
  }

  /** Opens {@code /_braeburn/console/<page>} (signing in first when asked to) and waits for its heading. */
  ConsoleBrowser signIn() {
    driver.get(server.baseUrl() + "/_braeburn/console");
    driver.findElement(By.name("token")).sendKeys(server.server.adminToken());
    driver.findElement(By.cssSelector("form button")).click();
    await.until(ExpectedConditions.urlContains("/_braeburn/console/teams"));
    return this;
  }

  /** Goes to a console page by URL (path under /_braeburn/console/, query allowed) and waits until it has loaded. */
  ConsoleBrowser go(String page) {
    driver.get(server.baseUrl() + "/_braeburn/console/" + page);
    await.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
    return this;
  }

  WebElement find(By by) {
    return await.until(ExpectedConditions.presenceOfElementLocated(by));
  }

  /** Saves the page as target/console-screenshots/{name}.png (full window). */
  void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
