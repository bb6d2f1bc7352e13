package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.testing.TurnedKnobs;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted sign-in page in a real browser (Debian's headless Chromium, driven by Selenium): on a
 * launch day, when every sign-in must carry a solved proof of work, a customer signs in through the
 * OpenID Connect code flow with PKCE as a public app, the ALTCHA widget solving the platform's
 * challenge in the page, and the app validates the ID token against the JWKS. A failing test leaves
 * a screenshot under {@code target/browser-screenshots}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostedSignInBrowserIT {
  static final int PORT = RelyingParty.freePort();
  static final int APP_PORT = RelyingParty.freePort();
  static final String ISSUER = "http://127.0.0.1:" + PORT;
  static final ClientID APP = new ClientID("retail-demo-app");
  static final URI CALLBACK = URI.create("http://127.0.0.1:" + APP_PORT + "/callback");

  static final DropwizardAppExtension<UserCommandConfiguration> SERVICE =
      UserCommandApp.extension(
          Map.of(
              "server.applicationConnectors[0].port",
              Integer.toString(PORT),
              "tokens.issuer",
              ISSUER,
              "admissionControl",
              "true",
              // The demo app's first redirect URI, moved to where this test's app listens
              "oidc.clients[0].redirectUris[0]",
              CALLBACK.toString()));

  /** The app's redirect URI: answers the browser and hands the test what arrived. */
  static HttpServer appBackEnd;

  static CompletableFuture<URI> arrived;
  static RelyingParty app;

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @RegisterExtension final ScreenshotOnFailure screenshots = new ScreenshotOnFailure();

  WebDriver browser;

  @BeforeAll
  static void startTheApp() throws Exception {
    appBackEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", APP_PORT), 0);
    appBackEnd.createContext(
        "/callback",
        exchange -> {
          arrived.complete(URI.create(CALLBACK + "?" + exchange.getRequestURI().getRawQuery()));
          byte[] page =
              "<!doctype html><title>Back in the app</title>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    appBackEnd.start();
    app = RelyingParty.discover(ISSUER);
  }

  @AfterAll
  static void stopTheApp() {
    appBackEnd.stop(0);
  }

  @BeforeEach
  void openTheBrowser() {
    arrived = new CompletableFuture<>();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("CHROMIUM", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US");
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(executable("CHROMEDRIVER", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(driver, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    screenshots.of(browser);
  }

  @AfterEach
  void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Installed by ./platform test (Debian packages chromium and chromium-driver). */
  private static String executable(String variable, String standard) {
    String path = Optional.ofNullable(System.getenv(variable)).orElse(standard);
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(
          path + " is missing: ./platform test installs chromium and chromium-driver");
    }
    return path;
  }

  @Test
  void
      givenLaunchMode_whenACustomerSignsInThroughTheHostedPage_thenTheWidgetSolvesTheChallengeAndTheAppGetsAValidIdToken()
          throws Exception {
    // Given a customer, and a launch day: every sign-in needs a solved proof of work
    String email = uniqueEmail();
    new Http(PORT).register(email);
    operator.turn(Difficulty.DIFFICULTY, "5000");
    operator.turn(Difficulty.LEVELS, "0:5000");
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    RelyingParty.Authorization authorization =
        app.authorization(APP, CALLBACK, new Scope("openid", "email"));

    // When the app sends the customer to the sign-in page and they sign in
    browser.get(authorization.request().toString());
    signIn(email);
    // the platform asks for the check; the widget solves it in the page and the customer signs in
    WebElement alert = waitFor(By.cssSelector("[role=alert]"));
    assertThat(alert.getText()).contains("complete the check");
    waitUntilTheWidgetHasSolved();
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // Then the browser comes back to the app with a code the app redeems with its verifier
    AuthenticationResponse response =
        AuthenticationResponseParser.parse(arrived.get(30, TimeUnit.SECONDS));
    assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
    assertThat(response.getState()).isEqualTo(authorization.state());
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    TokenResponse tokens = app.redeem(APP, code, CALLBACK, authorization.verifier());
    assertThat(tokens.indicatesSuccess()).as(tokens.toString()).isTrue();
    IDTokenClaimsSet claims =
        app.validate(
            APP, ((OIDCTokenResponse) tokens).getOIDCTokens().getIDToken(), authorization.nonce());
    assertThat(claims.getSubject().getValue()).isNotBlank();
  }

  @Test
  void givenTheSignInPage_thenEveryFieldHasALabelAndTheKeyboardReachesTheButton() {
    browser.get(app.authorization(APP, CALLBACK, new Scope("openid")).request().toString());

    for (String field : new String[] {"email", "password"}) {
      assertThat(browser.findElements(By.cssSelector("label[for=" + field + "]"))).hasSize(1);
    }
    // Tab from the email field twice: password, then the sign-in button
    browser.findElement(By.id("email")).click();
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    assertThat(browser.switchTo().activeElement().getTagName()).isEqualTo("button");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
  }

  private void signIn(String email) {
    waitFor(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private WebElement waitFor(By element) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(driver -> driver.findElements(element).stream().findFirst().orElse(null));
  }

  /** The widget has put its solution into the form (it solves on load, in a worker). */
  private void waitUntilTheWidgetHasSolved() {
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

  /**
   * Keeps a screenshot and the source of the page a failing test left the browser on (taken right
   * after the test method, before the browser closes).
   */
  static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    private WebDriver browser;

    void of(WebDriver browser) {
      this.browser = browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      Optional<Throwable> failure = context.getExecutionException();
      if (browser == null || failure.isEmpty()) {
        return;
      }
      try {
        Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
        byte[] png =
            ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(context.getRequiredTestMethod().getName() + ".png"), png);
        Files.writeString(
            dir.resolve(context.getRequiredTestMethod().getName() + ".html"),
            browser.getPageSource());
      } catch (IOException | RuntimeException e) {
        failure.get().addSuppressed(e);
      }
    }
  }
}
