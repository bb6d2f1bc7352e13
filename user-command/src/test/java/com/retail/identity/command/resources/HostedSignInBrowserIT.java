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
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

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
  static final String ISSUER = "http://127.0.0.1:" + PORT;
  static final ClientID APP = new ClientID("retail-demo-app");
  static final BrowserSupport.AppBackEnd APP_BACK_END =
      new BrowserSupport.AppBackEnd(RelyingParty.freePort());
  static final URI CALLBACK = APP_BACK_END.callback();

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

  static RelyingParty app;

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @RegisterExtension final BrowserSupport.Chromium chromium = new BrowserSupport.Chromium();

  WebDriver browser;

  @BeforeAll
  static void discover() throws Exception {
    app = RelyingParty.discover(ISSUER);
  }

  @AfterAll
  static void stopTheApp() {
    APP_BACK_END.close();
  }

  @BeforeEach
  void openTheApp() {
    APP_BACK_END.expectNext();
    browser = chromium.browser();
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
    WebElement alert = BrowserSupport.waitFor(browser, By.cssSelector("[role=alert]"));
    assertThat(alert.getText()).contains("complete the check");
    BrowserSupport.waitUntilTheWidgetHasSolved(browser);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // Then the browser comes back to the app with a code the app redeems with its verifier
    AuthenticationResponse response =
        AuthenticationResponseParser.parse(APP_BACK_END.arrived(Duration.ofSeconds(30)));
    assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
    assertThat(response.getState()).isEqualTo(authorization.state());
    AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
    TokenResponse tokens = app.redeem(APP, code, CALLBACK, authorization.verifier());
    assertThat(tokens.indicatesSuccess()).as(tokens.toString()).isTrue();
    IDTokenClaimsSet claims =
        app.validate(
            APP, ((OIDCTokenResponse) tokens).getOIDCTokens().getIDToken(), authorization.nonce());
    assertThat(claims.getSubject().getValue()).isNotBlank();
    assertThat(claims.getACR()).as("no verified phone was asked for").isNull();
  }

  @Test
  void
      givenAnEmailedResetLink_whenTheCustomerOpensItInTheBrowser_thenThePageTakesTheTokenFromTheFragmentAndSetsTheNewPassword() {
    // Given a customer who asked for a reset, and the link the email carries
    String email = uniqueEmail();
    Http http = new Http(PORT);
    http.register(email);
    http.post("/v1/password-resets", "{\"email\":\"" + email + "\"}");
    String link = resetLinkIn(http.emailedBody(email, "Reset your Retail password"));
    assertThat(link).startsWith(ISSUER + "/oauth2/password-reset/new#token=");

    // When they open it and choose a new password
    browser.get(link);
    BrowserSupport.waitFor(browser, By.id("newPassword")).sendKeys("violet-Harbour-93-lantern!");
    assertThat(browser.getCurrentUrl()).as("the token left the address bar").doesNotContain("#");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // Then the password is set, and it signs in
    assertThat(BrowserSupport.waitFor(browser, By.tagName("h1")).getText())
        .isEqualTo("Your password is set");
    assertThat(http.logIn(email, "violet-Harbour-93-lantern!").get("userId")).isNotNull();
  }

  private static String resetLinkIn(String body) {
    Matcher link = Pattern.compile("(http\\S+#token=[A-Za-z0-9_-]+)").matcher(body);
    assertThat(link.find()).as(body).isTrue();
    return link.group(1);
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
    BrowserSupport.waitFor(browser, By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
