package com.retail.identity.command.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCError;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.retail.identity.command.core.AuthorizationCodes;
import com.retail.identity.command.core.OidcClients;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.common.challenge.Challenge;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * An app's authorization request as the hosted pages (sign-in, sign-up) carry it: checked the same
 * way on every page and every post, answered the same way. An unknown app or an unregistered
 * redirect URI gets an error page and is never redirected to; every other protocol error goes back
 * to the app as {@code error=} on its redirect URI (RFC 6749 §4.1.2.1). The pages' forms are
 * protected from cross-site posting by a double-submit cookie ({@code SameSite=Strict}), so nobody
 * can sign a customer's browser into someone else's account.
 */
public final class AuthorizationRequests {
  static final String CSRF_COOKIE = "oidc_csrf";

  /** The scopes the platform knows; others an app asks for are left out of the grant. */
  static final List<String> SCOPES =
      List.of("openid", "profile", "email", "phone", "offline_access");

  /** The pages' own fields, which are not part of the authorization request. */
  private static final List<String> FORM_FIELDS =
      List.of(
          "email",
          "password",
          "csrf",
          "altcha",
          "firstName",
          "lastName",
          "country",
          "phone",
          "ticket",
          "verification",
          "code",
          "token",
          "newPassword");

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What checking a request comes to. */
  sealed interface Checked permits Valid, Answered {}

  /** A request that passed every check: the app, where to return, and what it asks for. */
  record Valid(
      OidcClients.Client client,
      URI redirectUri,
      State state,
      String scope,
      String nonce,
      String codeChallenge,
      String uiLocales,
      String loginHint,
      Locale language,
      boolean verifiedPhone)
      implements Checked {
    /** The request's parameters, for the page's hidden fields and links. */
    Map<String, String> parameters() {
      Map<String, String> hidden = new LinkedHashMap<>();
      hidden.put("client_id", client.id());
      hidden.put("redirect_uri", redirectUri.toString());
      hidden.put("response_type", "code");
      hidden.put("scope", scope);
      hidden.put("code_challenge", codeChallenge);
      hidden.put("code_challenge_method", "S256");
      putIfPresent(hidden, "state", state == null ? null : state.getValue());
      putIfPresent(hidden, "nonce", nonce);
      putIfPresent(hidden, "ui_locales", uiLocales);
      putIfPresent(hidden, "acr_values", verifiedPhone ? VerifyPhoneWhileSigningIn.ACR : null);
      return hidden;
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
      if (value != null) {
        map.put(name, value);
      }
    }
  }

  /** The request ends here: an error page, or the app's redirect URI with an error. */
  record Answered(Response response) implements Checked {}

  private final OidcClients clients;
  private final AuthorizationCodes codes;
  private final HostedPages pages;
  private final ObjectMapper json;
  private final Issuer issuer;

  public AuthorizationRequests(
      OidcClients clients,
      AuthorizationCodes codes,
      HostedPages pages,
      ObjectMapper json,
      String issuer) {
    this.clients = clients;
    this.codes = codes;
    this.pages = pages;
    this.json = json;
    this.issuer = new Issuer(issuer);
  }

  private Checked check(MultivaluedMap<String, String> parameters, String acceptLanguage) {
    Locale language = HostedPages.languageOf(parameters.getFirst("ui_locales"), acceptLanguage);
    Optional<OidcClients.Client> client = clients.find(single(parameters, "client_id"));
    if (client.isEmpty()) {
      return new Answered(messagePage(language, "error_title", "error_unknown_client", 400));
    }
    String redirect = single(parameters, "redirect_uri");
    if (!client.get().redirectsTo(redirect)) {
      return new Answered(messagePage(language, "error_title", "error_bad_redirect", 400));
    }
    URI redirectUri = URI.create(redirect);
    State state = State.parse(parameters.getFirst("state"));
    Optional<String> repeated =
        parameters.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .findFirst();
    if (repeated.isPresent()) {
      return backToApp(redirectUri, invalidRequest(repeated.get() + " is repeated"), state);
    }
    AuthenticationRequest request;
    try {
      request = AuthenticationRequest.parse(withoutFormFields(parameters));
    } catch (ParseException e) {
      ErrorObject error =
          e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject();
      return backToApp(redirectUri, error, state);
    }
    if (!request.getResponseType().impliesCodeFlow() || request.getResponseType().size() != 1) {
      return backToApp(redirectUri, OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, state);
    }
    if (request.getResponseMode() != null && request.getResponseMode() != ResponseMode.QUERY) {
      return backToApp(redirectUri, invalidRequest("response_mode must be query"), state);
    }
    if (request.getRequestObject() != null || request.getRequestURI() != null) {
      return backToApp(redirectUri, OAuth2Error.REQUEST_NOT_SUPPORTED, state);
    }
    if (request.getCodeChallenge() == null
        || !CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
      return backToApp(
          redirectUri,
          invalidRequest("PKCE is required: code_challenge with code_challenge_method S256"),
          state);
    }
    Prompt prompt = request.getPrompt();
    if (prompt != null && prompt.contains(Prompt.Type.NONE)) {
      // No browser session is kept: the customer always signs in on the page
      return backToApp(redirectUri, OIDCError.LOGIN_REQUIRED, state);
    }
    // An acr value the platform does not know is left out: OpenID Connect asks for them voluntarily
    boolean verifiedPhone =
        request.getACRValues() != null
            && request.getACRValues().contains(new ACR(VerifyPhoneWhileSigningIn.ACR));
    Set<String> asked = Set.copyOf(request.getScope().toStringList());
    String scope = SCOPES.stream().filter(asked::contains).collect(Collectors.joining(" "));
    return new Valid(
        client.get(),
        redirectUri,
        state,
        scope,
        request.getNonce() == null ? null : request.getNonce().getValue(),
        request.getCodeChallenge().getValue(),
        parameters.getFirst("ui_locales"),
        request.getLoginHint(),
        language,
        verifiedPhone);
  }

  /**
   * A hosted page's GET: the request checked, then its form shown with the anti-forgery cookie;
   * {@code values} fills the form's fields.
   */
  Response show(
      String template,
      MultivaluedMap<String, String> query,
      String acceptLanguage,
      String csrfCookie,
      BiFunction<Valid, HostedPages.Page, HostedPages.Page> values) {
    Checked checked = check(query, acceptLanguage);
    if (!(checked instanceof Valid request)) {
      return ((Answered) checked).response();
    }
    String token = csrfTokenFor(csrfCookie);
    return values
        .apply(request, formPage(template, request, token))
        .cookie(csrfCookie(token))
        .render();
  }

  /** A hosted page's POST: the request checked again, and the form shown to come from our page. */
  Checked checkPosted(MultivaluedMap<String, String> form, String acceptLanguage, String csrf) {
    Checked checked = check(form, acceptLanguage);
    if (checked instanceof Valid request && !csrfHolds(csrf, form.getFirst("csrf"))) {
      return new Answered(
          messagePage(request.language(), "error_title", "error_form_expired", 403));
    }
    return checked;
  }

  /**
   * The customer is who they proved to be (at {@code authTime}, meeting {@code acr} or null): back
   * to the app with a code.
   */
  Response completed(Valid request, UUID userId, Instant authTime, String acr) {
    String code =
        codes.issue(
            userId,
            request.client().id(),
            request.redirectUri().toString(),
            request.scope(),
            request.nonce(),
            request.codeChallenge(),
            authTime,
            acr);
    URI back =
        new AuthorizationSuccessResponse(
                request.redirectUri(),
                new AuthorizationCode(code),
                null,
                request.state(),
                issuer,
                ResponseMode.QUERY)
            .toURI();
    return Response.seeOther(back).header("Cache-Control", "no-store").build();
  }

  /** A page whose form posts the request on, with the form's anti-forgery token. */
  HostedPages.Page formPage(String template, Valid request, String csrf) {
    return formPage(template, request, csrf, Map.of());
  }

  /** As above, with the page's own hidden fields ({@code carried}) too. */
  HostedPages.Page formPage(
      String template, Valid request, String csrf, Map<String, String> carried) {
    List<Map<String, String>> hidden = new ArrayList<>();
    request.parameters().forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
    carried.forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
    hidden.add(Map.of("name", "csrf", "value", csrf));
    return pages
        .page(template, request.language())
        .with("hidden", hidden)
        .with("query", query(request.parameters()))
        .formMayLeadTo(sourceOf(request.redirectUri()));
  }

  /**
   * The page again with each bad field's message beside it, in the page's language, and a summary
   * announced at the top. (The API's field messages are terse English for developers; a page says
   * what to do, per field.)
   */
  Response failedFields(HostedPages.Page page, Map<String, String> messageKeyByField) {
    Map<String, String> errors = new LinkedHashMap<>();
    messageKeyByField.forEach((field, key) -> errors.put(field, pages.text(page, key)));
    return failed(page.with("errors", errors), "error_fields", 400, null);
  }

  /** The page again, saying what went wrong, with the ALTCHA widget when a check is asked for. */
  Response failed(HostedPages.Page page, String messageKey, int status, Challenge challenge) {
    page.status(status).with("error", pages.text(page, messageKey));
    if (challenge != null) {
      page.with("challenge", json(challenge));
      page.with(
          "altchaStrings",
          json(
              Map.of(
                  "label", pages.text(page, "altcha_label"),
                  "verifying", pages.text(page, "altcha_verifying"),
                  "verified", pages.text(page, "altcha_verified"),
                  "error", pages.text(page, "altcha_error"),
                  "expired", pages.text(page, "altcha_expired"))));
    }
    return pages.render(page);
  }

  Response messagePage(Locale language, String headingKey, String bodyKey, int status) {
    HostedPages.Page page = pages.page("message", language).status(status).with("alert", true);
    return pages.render(
        page.with("heading", pages.text(page, headingKey)).with("body", pages.text(page, bodyKey)));
  }

  /** The token of the browser's cookie when it has one, else a new one (set with the page). */
  static String csrfTokenFor(String cookie) {
    if (isWellFormed(cookie)) {
      return cookie;
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  NewCookie csrfCookie(String token) {
    return new NewCookie.Builder(CSRF_COOKIE)
        .value(token)
        .path("/oauth2")
        .httpOnly(true)
        .secure(issuer.getValue().startsWith("https://"))
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(3600)
        .build();
  }

  /** The form carries the token of the browser's cookie: it was posted from our page. */
  static boolean csrfHolds(String cookie, String field) {
    return isWellFormed(cookie)
        && field != null
        && MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII));
  }

  /** The Content-Security-Policy source of the app's redirect URI (its origin, or its scheme). */
  static String sourceOf(URI redirectUri) {
    String scheme = redirectUri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      return scheme + "://" + redirectUri.getRawAuthority();
    }
    return scheme + ":";
  }

  private static boolean isWellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  private static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(
            e ->
                java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Map<String, List<String>> withoutFormFields(
      MultivaluedMap<String, String> parameters) {
    Map<String, List<String>> request = new LinkedHashMap<>(parameters);
    FORM_FIELDS.forEach(request::remove);
    return request;
  }

  private static String single(MultivaluedMap<String, String> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.size() != 1 ? null : values.get(0);
  }

  private static ErrorObject invalidRequest(String description) {
    return OAuth2Error.INVALID_REQUEST.setDescription(description);
  }

  private Answered backToApp(URI redirectUri, ErrorObject error, State state) {
    URI back =
        new AuthorizationErrorResponse(redirectUri, error, state, issuer, ResponseMode.QUERY)
            .toURI();
    return new Answered(Response.seeOther(back).header("Cache-Control", "no-store").build());
  }

  /** The widget's attributes take JSON; Mustache escapes it for the attribute. */
  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a widget setting that cannot be written", e);
    }
  }
}
