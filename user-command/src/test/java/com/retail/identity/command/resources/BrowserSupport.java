package com.retail.identity.command.resources;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests of the hosted pages share: Debian's headless Chromium driven by Selenium
 * ({@link Chromium}, one per test, with a screenshot of the page a failing test left), and the
 * app's redirect URI as a small server that hands the test whatever arrives there.
 */
public final class BrowserSupport {
  private BrowserSupport() {}

  /** A headless Chromium in English (installed by ./platform test: chromium, chromium-driver). */
  static WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US");
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(executable("CHROMEDRIVER", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    WebDriver browser = new ChromeDriver(driver, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }

  private static String executable(String variable, String standard) {
    String path = Optional.ofNullable(System.getenv(variable)).orElse(standard);
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(
          path + " is missing: ./platform test installs chromium and chromium-driver");
    }
    return path;
  }

  public static WebElement waitFor(WebDriver browser, By element) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(driver -> driver.findElements(element).stream().findFirst().orElse(null));
  }

  /** The ALTCHA widget has put its solution into the form (it solves on load, in a worker). */
  public static void waitUntilTheWidgetHasSolved(WebDriver browser) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            driver -> {
              Object solution =
                  ((JavascriptExecutor) driver)
                      .executeScript(
                          "return new FormData(document.querySelector('form')).get('altcha');");
              return solution instanceof String s && !s.isBlank();
            });
  }

  /** The app's redirect URI on loopback: answers the browser and hands the test what arrived. */
  public static final class AppBackEnd implements AutoCloseable {
    private final HttpServer server;
    private final URI callback;
    private volatile CompletableFuture<URI> arrival = new CompletableFuture<>();

    public AppBackEnd(int port) {
      this.callback = URI.create("http://127.0.0.1:" + port + "/callback");
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/callback",
          exchange -> {
            arrival.complete(URI.create(callback + "?" + exchange.getRequestURI().getRawQuery()));
            byte[] page =
                "<!doctype html><title>Back in the app</title>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      server.start();
    }

    public URI callback() {
      return callback;
    }

    /** Forgets what arrived before: the next arrival is the one {@link #arrived} waits for. */
    public void expectNext() {
      arrival = new CompletableFuture<>();
    }

    public URI arrived(Duration within) throws Exception {
      return arrival.get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * A headless Chromium for each test ({@link #browser}), quit after it; a failing test leaves a
   * screenshot and the page source under {@code target/browser-screenshots} (taken right after the
   * test method, before the browser quits).
   */
  public static final class Chromium
      implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {
    private WebDriver browser;

    public WebDriver browser() {
      return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      browser = chromium();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      Optional<Throwable> failure = context.getExecutionException();
      if (browser == null || failure.isEmpty()) {
        return;
      }
      try {
        Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(context.getRequiredTestMethod().getName() + ".png"), png);
        Files.writeString(
            dir.resolve(context.getRequiredTestMethod().getName() + ".html"),
            browser.getPageSource());
      } catch (IOException | RuntimeException e) {
        failure.get().addSuppressed(e);
      }
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (browser != null) {
        browser.quit();
        browser = null;
      }
    }
  }
}
