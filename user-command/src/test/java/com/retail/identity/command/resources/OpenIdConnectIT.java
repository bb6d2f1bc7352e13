package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An unmodified OpenID Connect client library (Nimbus, as an app's back end or AppAuth would)
 * against the provider: discovery, the code flow with PKCE through the hosted sign-in page, ID
 * token validation against the JWKS, userinfo, refresh, revocation and logout.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenIdConnectIT {
  /** The issuer must be the address the apps reach, so the service listens on a port known now. */
  static final int PORT = RelyingParty.freePort();

  static final String ISSUER = "http://127.0.0.1:" + PORT;
  static final ClientID APP = new ClientID("retail-demo-app");
  static final URI APP_REDIRECT = URI.create("http://127.0.0.1:8089/callback");
  static final ClientID WEB = new ClientID("retail-demo-web");
  static final Secret WEB_SECRET = new Secret("local-demo-web-secret");
  static final URI WEB_REDIRECT = URI.create("http://127.0.0.1:8089/web/callback");

  static final DropwizardAppExtension<UserCommandConfiguration> APP_UNDER_TEST =
      UserCommandApp.extension(
          Map.of(
              "server.applicationConnectors[0].port",
              Integer.toString(PORT),
              "tokens.issuer",
              ISSUER));

  static RelyingParty app;
  static OIDCProviderMetadata provider;

  @BeforeAll
  static void discover() throws Exception {
    app = RelyingParty.discover(ISSUER);
    provider = app.provider;
  }

  private static String registered() {
    String email = uniqueEmail();
    new Http(PORT).register(email);
    return email;
  }

  static RelyingParty.Authorization authorization(ClientID client, URI redirect, Scope scope) {
    return app.authorization(client, redirect, scope);
  }

  /** The customer signs in on the hosted page; the app reads the code from its redirect URI. */
  static AuthorizationCode signIn(RelyingParty.Authorization authorization, String email)
      throws Exception {
    SignInBrowser browser = new SignInBrowser();
    HttpResponse<String> page = browser.open(authorization.request());
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> answer = browser.submit(page, email, PASSWORD);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
    AuthenticationResponse response =
        AuthenticationResponseParser.parse(
            URI.create(answer.headers().firstValue("Location").orElseThrow()));
    assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
    assertThat(response.getState()).isEqualTo(authorization.state());
    return response.toSuccessResponse().getAuthorizationCode();
  }

  /** The page's anti-forgery field, as it stands in the page. */
  private static String csrfFieldOf(HttpResponse<String> page) {
    Matcher field = Pattern.compile("name=\"csrf\" value=\"[^\"]*\"").matcher(page.body());
    assertThat(field.find()).as(page.body()).isTrue();
    return Matcher.quoteReplacement(field.group());
  }

  static TokenResponse redeem(ClientID client, AuthorizationCode code, URI redirect, CodeVerifier v)
      throws Exception {
    return app.redeem(client, code, redirect, v);
  }

  static TokenResponse refresh(RefreshToken token) throws Exception {
    return OIDCTokenResponseParser.parse(
        new TokenRequest(provider.getTokenEndpointURI(), APP, new RefreshTokenGrant(token))
            .toHTTPRequest()
            .send());
  }

  @Test
  void givenTheDiscoveryDocument_thenItNamesEveryEndpointUnderTheIssuerAndRequiresS256() {
    assertThat(provider.getIssuer().getValue()).isEqualTo(ISSUER);
    assertThat(provider.getAuthorizationEndpointURI())
        .isEqualTo(URI.create(ISSUER + "/oauth2/authorize"));
    assertThat(provider.getJWKSetURI()).isEqualTo(URI.create(ISSUER + "/.well-known/jwks.json"));
    assertThat(provider.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
    assertThat(provider.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.ES256);
    assertThat(provider.getEndSessionEndpointURI()).isNotNull();
    assertThat(provider.getRevocationEndpointURI()).isNotNull();
  }

  @Test
  void
      givenAnAppAskingForAVerifiedPhone_whenACustomerWithoutOneSignsIn_thenThePhoneStepComesBeforeTheCodeAndItsTicketWorksOnlyInThatBrowser()
          throws Exception {
    assertThat(provider.getACRs()).containsExactly(new ACR(VerifyPhoneWhileSigningIn.ACR));
    String email = registered();
    RelyingParty.Authorization authorization =
        app.authorization(
            APP,
            APP_REDIRECT,
            new Scope("openid", "phone"),
            List.of(new ACR(VerifyPhoneWhileSigningIn.ACR)));
    SignInBrowser browser = new SignInBrowser();

    HttpResponse<String> phoneStep =
        browser.submit(browser.open(authorization.request()), email, PASSWORD);

    assertThat(phoneStep.statusCode()).as(phoneStep.body()).isEqualTo(200);
    assertThat(phoneStep.body())
        .contains("action=\"/oauth2/verify-phone\"")
        .contains("name=\"ticket\"")
        .contains("<label for=\"phone\">");
    // Another browser (its own anti-forgery cookie) holding a copy of the page gets nowhere
    SignInBrowser another = new SignInBrowser();
    HttpResponse<String> itsOwnPage = another.open(authorization.request());
    String copied =
        phoneStep.body().replaceAll("name=\"csrf\" value=\"[^\"]*\"", csrfFieldOf(itsOwnPage));
    HttpResponse<String> refused =
        another.submit(phoneStep.uri(), copied, Map.of("phone", "+4915112345678"));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
  }

  @Test
  void
      givenACustomerWhoForgotThePassword_whenTheyResetItThroughTheHostedPages_thenTheNewOneSignsInAndTheAnswerToldNobodyWhetherTheAccountExists()
          throws Exception {
    String email = registered();
    String newPassword = "violet-Harbour-93-lantern!";
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid"));
    SignInBrowser browser = new SignInBrowser();
    HttpResponse<String> signInPage = browser.open(authorization.request());

    // The sign-in page's link asks for the address; known or not, the answer is the same page
    HttpResponse<String> askPage = browser.follow(signInPage, "/oauth2/password-reset");
    HttpResponse<String> sent = browser.submit(askPage, Map.of("email", email));
    HttpResponse<String> sentForNobody =
        browser.submit(askPage, Map.of("email", "nobody-" + email));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).contains("Check your email").isEqualTo(sentForNobody.body());

    // The emailed link opens the page that sets the new password (its script moves the token
    // from the link's fragment into the form; HostedSignInBrowserIT runs it in a browser)
    String token = new Http(PORT).emailedToken(email, "Reset your Retail password");
    HttpResponse<String> newPasswordPage =
        browser.open(URI.create(ISSUER + "/oauth2/password-reset/new"));
    HttpResponse<String> weak =
        browser.submit(newPasswordPage, Map.of("token", token, "newPassword", "password"));
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(weak.body()).contains("aria-invalid=\"true\"");
    HttpResponse<String> done =
        browser.submit(weak, Map.of("token", token, "newPassword", newPassword));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("Your password is set");
    HttpResponse<String> again =
        browser.submit(newPasswordPage, Map.of("token", token, "newPassword", newPassword));
    assertThat(again.statusCode()).as("the link works once").isEqualTo(400);

    // Then the customer signs in to the app with the new password
    HttpResponse<String> signedIn =
        browser.submit(browser.open(authorization.request()), email, newPassword);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
  }

  @Test
  void givenAPublicApp_whenTheCustomerSignsInWithTheCodeFlowAndPkce_thenTheIdTokenValidates()
      throws Exception {
    String email = registered();
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid", "email"));

    AuthorizationCode code = signIn(authorization, email);
    TokenResponse tokens = redeem(APP, code, APP_REDIRECT, authorization.verifier());

    assertThat(tokens.indicatesSuccess()).as(tokens.toString()).isTrue();
    OIDCTokenResponse success = (OIDCTokenResponse) tokens.toSuccessResponse();
    JWT idToken = success.getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims =
        new IDTokenValidator(
                provider.getIssuer(), APP, JWSAlgorithm.ES256, provider.getJWKSetURI().toURL())
            .validate(idToken, authorization.nonce());
    assertThat(claims.getAudience()).extracting(Object::toString).containsExactly(APP.getValue());
    assertThat(claims.getAuthenticationTime()).isNotNull();
    // The access token reads userinfo within the granted scope: email, not the profile
    UserInfoResponse info =
        UserInfoResponse.parse(
            new UserInfoRequest(
                    provider.getUserInfoEndpointURI(),
                    success.getOIDCTokens().getBearerAccessToken())
                .toHTTPRequest()
                .send());
    assertThat(info.indicatesSuccess()).as(info.toString()).isTrue();
    UserInfoSuccessResponse userInfo = info.toSuccessResponse();
    assertThat(userInfo.getUserInfo().getSubject()).isEqualTo(claims.getSubject());
    assertThat(userInfo.getUserInfo().getEmailAddress()).isEqualTo(email);
    assertThat(userInfo.getUserInfo().getGivenName()).isNull();
  }

  @Test
  void givenACodeRedeemedOnce_whenItIsPresentedAgain_thenItIsRefusedAndTheSessionEnds()
      throws Exception {
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid"));
    AuthorizationCode code = signIn(authorization, registered());
    TokenResponse first = redeem(APP, code, APP_REDIRECT, authorization.verifier());
    assertThat(first.indicatesSuccess()).isTrue();

    TokenResponse replay = redeem(APP, code, APP_REDIRECT, authorization.verifier());

    assertThat(errorOf(replay).getCode()).isEqualTo("invalid_grant");
    RefreshToken issued = first.toSuccessResponse().getTokens().getRefreshToken();
    assertThat(errorOf(refresh(issued)).getCode()).isEqualTo("invalid_grant");
  }

  @Test
  void givenAWrongVerifier_thenTheCodeIsRefusedButStillWorksForTheAppThatHoldsTheRightOne()
      throws Exception {
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid"));
    AuthorizationCode code = signIn(authorization, registered());

    TokenResponse stolen = redeem(APP, code, APP_REDIRECT, new CodeVerifier());

    assertThat(errorOf(stolen).getCode()).isEqualTo("invalid_grant");
    assertThat(redeem(APP, code, APP_REDIRECT, authorization.verifier()).indicatesSuccess())
        .isTrue();
  }

  @Test
  void givenAConfidentialApp_thenItsCodeIsRedeemedOnlyWithItsSecret() throws Exception {
    RelyingParty.Authorization authorization =
        authorization(WEB, WEB_REDIRECT, new Scope("openid"));
    AuthorizationCode code = signIn(authorization, registered());
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(code, WEB_REDIRECT, authorization.verifier());

    TokenResponse withoutSecret =
        OIDCTokenResponseParser.parse(
            new TokenRequest(provider.getTokenEndpointURI(), WEB, grant).toHTTPRequest().send());
    TokenResponse withSecret =
        OIDCTokenResponseParser.parse(
            new TokenRequest(
                    provider.getTokenEndpointURI(), new ClientSecretBasic(WEB, WEB_SECRET), grant)
                .toHTTPRequest()
                .send());

    assertThat(errorOf(withoutSecret).getCode()).isEqualTo("invalid_client");
    assertThat(withSecret.indicatesSuccess()).as(withSecret.toString()).isTrue();
  }

  @Test
  void
      givenASession_whenTheAppRefreshesThenRevokes_thenTheRefreshTokenRotatesForThatAppOnlyAndStopsWorking()
          throws Exception {
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid", "profile"));
    AuthorizationCode code = signIn(authorization, registered());
    RefreshToken first =
        redeem(APP, code, APP_REDIRECT, authorization.verifier())
            .toSuccessResponse()
            .getTokens()
            .getRefreshToken();

    // Another app (the confidential web app, with its secret) or the JSON API cannot use it
    TokenResponse byAnotherApp =
        OIDCTokenResponseParser.parse(
            new TokenRequest(
                    provider.getTokenEndpointURI(),
                    new ClientSecretBasic(WEB, WEB_SECRET),
                    new RefreshTokenGrant(first))
                .toHTTPRequest()
                .send());
    assertThat(errorOf(byAnotherApp).getCode()).isEqualTo("invalid_grant");
    assertThat(
            new Http(PORT)
                .post("/v1/sessions/refresh", "{\"refreshToken\":\"" + first.getValue() + "\"}")
                .statusCode())
        .isEqualTo(401);

    TokenResponse refreshed = refresh(first);
    assertThat(refreshed.indicatesSuccess()).as(refreshed.toString()).isTrue();
    AccessToken access = refreshed.toSuccessResponse().getTokens().getAccessToken();
    assertThat(access.getScope()).isEqualTo(new Scope("openid", "profile"));
    RefreshToken second = refreshed.toSuccessResponse().getTokens().getRefreshToken();
    assertThat(second).isNotEqualTo(first);

    HTTPResponse revoked =
        new TokenRevocationRequest(provider.getRevocationEndpointURI(), APP, second)
            .toHTTPRequest()
            .send();

    assertThat(revoked.getStatusCode()).isEqualTo(200);
    assertThat(errorOf(refresh(second)).getCode()).isEqualTo("invalid_grant");
  }

  @Test
  void givenAPlatformService_whenItUsesClientCredentials_thenItGetsAServiceToken()
      throws Exception {
    TokenResponse response =
        TokenResponse.parse(
            new TokenRequest(
                    provider.getTokenEndpointURI(),
                    new ClientSecretBasic(
                        new ClientID("verification"), new Secret("local-verification-secret")),
                    new ClientCredentialsGrant())
                .toHTTPRequest()
                .send());
    TokenResponse wrongSecret =
        TokenResponse.parse(
            new TokenRequest(
                    provider.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID("verification"), new Secret("guess")),
                    new ClientCredentialsGrant())
                .toHTTPRequest()
                .send());

    assertThat(response.indicatesSuccess()).as(response.toString()).isTrue();
    assertThat(errorOf(wrongSecret).getCode()).isEqualTo("invalid_client");
  }

  @Test
  void givenAnUnregisteredRedirectUri_thenThePageSaysSoAndNothingIsRedirected() {
    RelyingParty.Authorization elsewhere =
        authorization(APP, URI.create("https://attacker.example/callback"), new Scope("openid"));

    HttpResponse<String> page = new SignInBrowser().open(elsewhere.request());

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Location")).isEmpty();
    assertThat(page.body()).contains("role=\"alert\"");
  }

  @Test
  void givenARequestWithoutPkce_thenTheAppGetsInvalidRequestOnItsRedirectUri() throws Exception {
    URI withoutPkce =
        new AuthenticationRequest.Builder(
                new ResponseType("code"), new Scope("openid"), APP, APP_REDIRECT)
            .endpointURI(provider.getAuthorizationEndpointURI())
            .state(new State("s-1"))
            .nonce(new Nonce())
            .build()
            .toURI();

    HttpResponse<String> answer = new SignInBrowser().open(withoutPkce);

    assertThat(answer.statusCode()).isEqualTo(303);
    AuthenticationResponse response =
        AuthenticationResponseParser.parse(
            URI.create(answer.headers().firstValue("Location").orElseThrow()));
    AuthenticationErrorResponse error = response.toErrorResponse();
    assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
    assertThat(error.getState()).isEqualTo(new State("s-1"));
    assertThat(error.getRedirectionURI()).isEqualTo(APP_REDIRECT);
  }

  @Test
  void givenAFormPostedFromAnotherSite_thenItIsRefused() {
    SignInBrowser browser = new SignInBrowser();
    HttpResponse<String> page =
        browser.open(authorization(APP, APP_REDIRECT, new Scope("openid")).request());

    // Another site can copy the form's fields but cannot send the page's cookie
    HttpResponse<String> forged = new SignInBrowser().submit(page, registered(), PASSWORD);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void givenAWrongPassword_thenTheFormComesBackWithAnAnnouncedErrorInTheCustomersLanguage() {
    SignInBrowser browser = new SignInBrowser().speaking("fr-FR,fr;q=0.9");
    HttpResponse<String> page =
        browser.open(authorization(APP, APP_REDIRECT, new Scope("openid")).request());

    HttpResponse<String> answer = browser.submit(page, registered(), "not-" + PASSWORD);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body())
        .contains("<html lang=\"fr\">")
        .contains("role=\"alert\"")
        .contains("mot de passe est incorrect")
        .doesNotContain("not-" + PASSWORD);
    assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("form-action 'self' http://127.0.0.1:8089");
  }

  /** The sign-up page, reached from the sign-in page the app sent the customer to. */
  static HttpResponse<String> signUpPage(SignInBrowser browser, RelyingParty.Authorization a) {
    HttpResponse<String> signIn = browser.open(a.request());
    HttpResponse<String> signUp = browser.follow(signIn, "/oauth2/sign-up?");
    assertThat(signUp.statusCode()).isEqualTo(200);
    return signUp;
  }

  static Map<String, String> newCustomer(String email) {
    return Map.of(
        "email", email,
        "password", PASSWORD,
        "firstName", "Grace",
        "lastName", "Hopper",
        "country", "US");
  }

  @Test
  void givenANewCustomer_whenTheySignUpOnTheHostedPage_thenTheAppIsSignedInToTheNewAccount()
      throws Exception {
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid", "email", "profile"));
    SignInBrowser browser = new SignInBrowser();
    String email = uniqueEmail();

    HttpResponse<String> answer =
        browser.submit(signUpPage(browser, authorization), newCustomer(email));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
    AuthenticationResponse response =
        AuthenticationResponseParser.parse(
            URI.create(answer.headers().firstValue("Location").orElseThrow()));
    assertThat(response.getState()).isEqualTo(authorization.state());
    OIDCTokenResponse tokens =
        (OIDCTokenResponse)
            redeem(
                    APP,
                    response.toSuccessResponse().getAuthorizationCode(),
                    APP_REDIRECT,
                    authorization.verifier())
                .toSuccessResponse();
    UserInfoSuccessResponse info =
        UserInfoResponse.parse(
                new UserInfoRequest(
                        provider.getUserInfoEndpointURI(),
                        tokens.getOIDCTokens().getBearerAccessToken())
                    .toHTTPRequest()
                    .send())
            .toSuccessResponse();
    assertThat(info.getUserInfo().getEmailAddress()).isEqualTo(email);
    assertThat(info.getUserInfo().getGivenName()).isEqualTo("Grace");
    assertThat(info.getUserInfo().getLocale()).isEqualTo("en");
    // and the account signs in with its password like any other
    assertThat(new Http(PORT).logIn(email, PASSWORD).get("userId").asText())
        .isEqualTo(info.getUserInfo().getSubject().getValue());
  }

  @Test
  void givenBadFields_thenTheSignUpPageNamesEachBesideItselfAndKeepsWhatWasTyped() {
    SignInBrowser browser = new SignInBrowser();
    HttpResponse<String> page =
        signUpPage(browser, authorization(APP, APP_REDIRECT, new Scope("openid")));
    Map<String, String> typed = new java.util.HashMap<>(newCustomer(uniqueEmail()));
    typed.put("password", "short");
    typed.put("country", "XX");

    HttpResponse<String> answer = browser.submit(page, typed);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body())
        .contains("role=\"alert\"")
        .contains("id=\"password-error\"")
        .contains("id=\"country-error\"")
        .contains("aria-describedby=\"country-error\"")
        .doesNotContain("id=\"firstName-error\"")
        .contains("value=\"Grace\"")
        .doesNotContain("value=\"short\"")
        .contains("Enter your country as its two-letter code")
        .contains("Choose a password of 8 to 128 characters");
  }

  @Test
  void givenBadFieldsOnAFrenchPage_thenEachMessageIsInFrench() {
    // Given a customer whose browser asks for French
    SignInBrowser browser = new SignInBrowser().speaking("fr-FR,fr;q=0.9");
    HttpResponse<String> page =
        signUpPage(browser, authorization(APP, APP_REDIRECT, new Scope("openid")));
    Map<String, String> typed = new java.util.HashMap<>(newCustomer(uniqueEmail()));
    typed.put("country", "XX");

    // When the sign-up form is sent with a country that is not one
    HttpResponse<String> answer = browser.submit(page, typed);

    // Then the page says what to do in French, beside the field, never the API's English
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body())
        .contains("lang=\"fr\"")
        .contains("id=\"country-error\"")
        .contains("Saisissez votre pays avec son code à deux lettres")
        .doesNotContain("ISO 3166");
  }

  @Test
  void givenAnEmailAlreadyRegistered_thenSignUpSaysSignInInstead() {
    String email = registered();
    SignInBrowser browser = new SignInBrowser();

    HttpResponse<String> answer =
        browser.submit(
            signUpPage(browser, authorization(APP, APP_REDIRECT, new Scope("openid"))),
            newCustomer(email));

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(answer.body()).contains("Please sign in instead").contains("/oauth2/authorize?");
  }

  @Test
  void givenAnIdTokenHint_whenTheAppLogsOut_thenTheSessionEndsAndTheBrowserReturnsToTheApp()
      throws Exception {
    RelyingParty.Authorization authorization =
        authorization(APP, APP_REDIRECT, new Scope("openid"));
    AuthorizationCode code = signIn(authorization, registered());
    OIDCTokenResponse tokens =
        (OIDCTokenResponse)
            redeem(APP, code, APP_REDIRECT, authorization.verifier()).toSuccessResponse();
    URI logout =
        new com.nimbusds.openid.connect.sdk.LogoutRequest(
                provider.getEndSessionEndpointURI(),
                tokens.getOIDCTokens().getIDToken(),
                URI.create("http://127.0.0.1:8089/signed-out"),
                new State("bye"))
            .toURI();

    HttpResponse<String> answer = new SignInBrowser().open(logout);

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .isEqualTo("http://127.0.0.1:8089/signed-out?state=bye");
    assertThat(errorOf(refresh(tokens.getOIDCTokens().getRefreshToken())).getCode())
        .isEqualTo("invalid_grant");
  }

  private static ErrorObject errorOf(TokenResponse response) {
    assertThat(response.indicatesSuccess()).as("an error answer").isFalse();
    return ((TokenErrorResponse) response).getErrorObject();
  }
}
