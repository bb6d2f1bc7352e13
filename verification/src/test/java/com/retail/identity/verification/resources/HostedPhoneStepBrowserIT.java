package com.retail.identity.verification.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.command.resources.BrowserSupport;
import com.retail.identity.command.resources.RelyingParty;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
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
 * The launch-purchase path in a real browser (Debian's headless Chromium, driven by Selenium), with
 * every service real: an app that needs a verified mobile phone sends a new customer to the hosted
 * pages; they sign up (the ALTCHA widget solving a launch day's proof of work), prove a mobile
 * phone with the code the SMS carried (verification, through an SNS stub), and come back to the app
 * through the code flow with PKCE; the app's OIDC library validates the ID token, which says {@code
 * acr=}{@value VerifyPhoneWhileSigningIn#ACR}, and reads the phone at userinfo. Signing in again
 * later skips the step. A failing test leaves a screenshot under {@code
 * target/browser-screenshots}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostedPhoneStepBrowserIT {
  static final int PORT = RelyingParty.freePort();
  static final int VERIFICATION_PORT = RelyingParty.freePort();
  static final String ISSUER = "http://127.0.0.1:" + PORT;
  static final ClientID APP = new ClientID("retail-demo-app");
  static final List<ACR> VERIFIED_PHONE = List.of(new ACR(VerifyPhoneWhileSigningIn.ACR));
  static final WireMockServer SNS = ItSupport.sns();
  static final BrowserSupport.AppBackEnd APP_BACK_END =
      new BrowserSupport.AppBackEnd(RelyingParty.freePort());

  static {
    // Each service reaches the other directly (Ribbon's static server lists)
    Knobs.override("user-command.ribbon.listOfServers", "127.0.0.1:" + PORT);
    Knobs.override("verification.ribbon.listOfServers", "127.0.0.1:" + VERIFICATION_PORT);
  }

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of(
              "eureka.enabled",
              "false",
              "server.applicationConnectors[0].port",
              Integer.toString(PORT),
              "tokens.issuer",
              ISSUER,
              "admissionControl",
              "true",
              "oidc.clients[0].redirectUris[0]",
              APP_BACK_END.callback().toString()));

  static final DropwizardAppExtension<VerificationConfiguration> VERIFICATION =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(
              SNS,
              Map.of(
                  "server.applicationConnectors[0].port",
                  Integer.toString(VERIFICATION_PORT),
                  "tokens.issuer",
                  ISSUER)));

  static RelyingParty app;

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @RegisterExtension final BrowserSupport.Chromium chromium = new BrowserSupport.Chromium();

  WebDriver browser;

  @BeforeAll
  static void discoverAndWarmUp() throws Exception {
    app = RelyingParty.discover(ISSUER);
    // verification's first request fetches the issuer's keys and opens the SNS client; on a busy
    // machine that can outlast the call's timeout once. Warm up so the page meets the steady state.
    ItSupport.Customer warmup = ItSupport.customer(PORT);
    for (int attempt = 0;
        attempt < 5
            && ItSupport.startVerification(
                        VERIFICATION_PORT, warmup.token(), ItSupport.germanMobile())
                    .statusCode()
                == 503;
        attempt++) {
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() {
    APP_BACK_END.close();
    SNS.stop();
  }

  @BeforeEach
  void openTheApp() {
    APP_BACK_END.expectNext();
    browser = chromium.browser();
  }

  @Test
  void
      givenAnAppThatNeedsAVerifiedPhone_whenANewCustomerSignsUpAndProvesAPhoneBySms_thenTheAppGetsAnIdTokenThatSaysSo()
          throws Exception {
    // Given a launch day (every sign-up needs a solved proof of work) and an app that asks for a
    // verified phone
    operator.turn(Difficulty.DIFFICULTY, "5000");
    operator.turn(Difficulty.LEVELS, "0:5000");
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    RelyingParty.Authorization authorization =
        app.authorization(
            APP, APP_BACK_END.callback(), new Scope("openid", "phone"), VERIFIED_PHONE);
    String email = uniqueEmail();
    String phone = ItSupport.germanMobile();

    // When the customer signs up on the hosted pages, the widget solving the check
    browser.get(authorization.request().toString());
    BrowserSupport.waitFor(browser, By.cssSelector("a[href^='/oauth2/sign-up']")).click();
    type("email", email);
    type("password", PASSWORD);
    type("firstName", "Grace");
    type("lastName", "Hopper");
    type("country", "DE");
    submit();
    WebElement alert = BrowserSupport.waitFor(browser, By.cssSelector("[role=alert]"));
    assertThat(alert.getText()).contains("complete the check");
    BrowserSupport.waitUntilTheWidgetHasSolved(browser);
    type("password", PASSWORD);
    submit();
    // and is asked for a mobile phone, gets the code by SMS and types it
    BrowserSupport.waitFor(browser, By.cssSelector("form[action='/oauth2/verify-phone']"));
    type("phone", phone);
    submit();
    BrowserSupport.waitFor(browser, By.cssSelector("form[action='/oauth2/verify-phone/code']"));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(phone);
    String code =
        Awaitility.await()
            .ignoreExceptions()
            .atMost(Duration.ofSeconds(20))
            .until(() -> ItSupport.lastCode(SNS, phone), c -> c != null);
    type("code", code);
    submit();

    // Then the app gets a code, redeems it with its verifier, and the ID token says the phone is
    // verified; userinfo names it
    OIDCTokens tokens = redeemed(authorization);
    IDTokenClaimsSet claims = app.validate(APP, tokens.getIDToken(), authorization.nonce());
    assertThat(claims.getACR()).isEqualTo(new ACR(VerifyPhoneWhileSigningIn.ACR));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var userInfo = app.userInfo(tokens.getAccessToken());
              assertThat(userInfo.getPhoneNumberVerified()).isTrue();
              assertThat(userInfo.getPhoneNumber()).isEqualTo(phone);
            });

    // And a later sign-in by that customer, for the same app, skips the step
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "false");
    APP_BACK_END.expectNext();
    RelyingParty.Authorization again =
        app.authorization(APP, APP_BACK_END.callback(), new Scope("openid"), VERIFIED_PHONE);
    browser.get(again.request().toString());
    type("email", email);
    type("password", PASSWORD);
    submit();
    IDTokenClaimsSet later = app.validate(APP, redeemed(again).getIDToken(), again.nonce());
    assertThat(later.getACR()).isEqualTo(new ACR(VerifyPhoneWhileSigningIn.ACR));
  }

  private OIDCTokens redeemed(RelyingParty.Authorization authorization) throws Exception {
    URI arrived = APP_BACK_END.arrived(Duration.ofSeconds(30));
    AuthenticationResponse response = AuthenticationResponseParser.parse(arrived);
    assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
    assertThat(response.getState()).isEqualTo(authorization.state());
    TokenResponse tokens =
        app.redeem(
            APP,
            response.toSuccessResponse().getAuthorizationCode(),
            APP_BACK_END.callback(),
            authorization.verifier());
    assertThat(tokens.indicatesSuccess()).as(tokens.toString()).isTrue();
    return ((OIDCTokenResponse) tokens).getOIDCTokens();
  }

  private void type(String field, String value) {
    WebElement input = BrowserSupport.waitFor(browser, By.id(field));
    input.clear();
    input.sendKeys(value);
  }

  private void submit() {
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }
}
