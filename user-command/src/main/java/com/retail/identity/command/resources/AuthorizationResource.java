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
import com.retail.identity.command.core.AuthorizationCodes;
import com.retail.identity.command.core.ChallengeRequired;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.LoginThrottled;
import com.retail.identity.command.core.OidcClients;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OpenID Connect authorization endpoint with the hosted sign-in page (authorization code flow,
 * PKCE with S256 required of every app). An unknown app or an unregistered redirect URI gets an
 * error page and is never redirected to; every other protocol error goes back to the app as {@code
 * error=} on its redirect URI (RFC 6749 §4.1.2.1). The form is protected from cross-site posting by
 * a double-submit cookie ({@code SameSite=Strict}), so nobody can sign a customer's browser into
 * someone else's account.
 */
@Path("/oauth2/authorize")
@Hidden
public final class AuthorizationResource {
  static final String CSRF_COOKIE = "oidc_csrf";

  /** The scopes the platform knows; others an app asks for are left out of the grant. */
  static final List<String> SCOPES =
      List.of("openid", "profile", "email", "phone", "offline_access");

  private static final SecureRandom RANDOM = new SecureRandom();
  private final OidcClients clients;
  private final PasswordSignIn signIn;
  private final AuthorizationCodes codes;
  private final HostedPages pages;
  private final TrustedProxies proxies;
  private final ObjectMapper json;
  private final Issuer issuer;
  private final Clock clock;

  public AuthorizationResource(
      OidcClients clients,
      PasswordSignIn signIn,
      AuthorizationCodes codes,
      HostedPages pages,
      TrustedProxies proxies,
      ObjectMapper json,
      String issuer,
      Clock clock) {
    this.clients = clients;
    this.signIn = signIn;
    this.codes = codes;
    this.pages = pages;
    this.proxies = proxies;
    this.json = json;
    this.issuer = new Issuer(issuer);
    this.clock = clock;
  }

  /** A request that passed every check: the app, where to return, and what it asks for. */
  private record Checked(
      OidcClients.Client client,
      URI redirectUri,
      State state,
      String scope,
      String nonce,
      String codeChallenge,
      String uiLocales,
      String loginHint,
      Locale language) {
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
      return hidden;
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
      if (value != null) {
        map.put(name, value);
      }
    }
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the sign-in page: whoever opens it has not signed in yet")
  public Response show(
      @Context UriInfo uri,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(CSRF_COOKIE) String csrf) {
    Object checked = check(uri.getQueryParameters(), acceptLanguage);
    if (checked instanceof Response answer) {
      return answer;
    }
    Checked request = (Checked) checked;
    String token = isWellFormed(csrf) ? csrf : newCsrfToken();
    return pages.render(
        signInPage(request, token).with("email", request.loginHint()).cookie(csrfCookie(token)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the email and password in the form are the credentials")
  public Response signIn(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(CSRF_COOKIE) String csrf,
      @Context HttpServletRequest http) {
    Object checked = check(form, acceptLanguage);
    if (checked instanceof Response answer) {
      return answer;
    }
    Checked request = (Checked) checked;
    if (!isWellFormed(csrf) || !sameToken(csrf, form.getFirst("csrf"))) {
      return messagePage(request.language(), "error_title", "error_form_expired", 403);
    }
    String email = form.getFirst("email");
    String password = form.getFirst("password");
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      return failed(request, csrf, email, "error_credentials", 400, null);
    }
    Origin origin = Origin.of(http, proxies).withChallengeSolution(form.getFirst("altcha"));
    AdmissionDecision admitted = signIn.admit(email, origin);
    switch (admitted.outcome()) {
      case ALLOW -> {}
      case CHALLENGE -> {
        return failed(request, csrf, email, "error_challenge", 403, admitted.challenge());
      }
      case RATE_LIMITED -> {
        return failed(request, csrf, email, "error_rate_limited", 429, null);
      }
      case REFUSED -> {
        return failed(request, csrf, email, "error_refused", 403, null);
      }
      case UNAVAILABLE -> {
        return failed(request, csrf, email, "error_unavailable", 503, null);
      }
    }
    Credentials.Credential credential;
    try {
      credential = signIn.authenticate(email, password, origin, admitted);
    } catch (InvalidCredentials e) {
      return failed(request, csrf, email, "error_credentials", 401, null);
    } catch (LoginThrottled e) {
      return failed(request, csrf, email, "error_throttled", 429, null);
    } catch (ChallengeRequired e) {
      return failed(request, csrf, email, "error_challenge", 403, e.challenge());
    }
    String code =
        codes.issue(
            credential.userId(),
            request.client().id(),
            request.redirectUri().toString(),
            request.scope(),
            request.nonce(),
            request.codeChallenge(),
            clock.instant());
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

  /** The request's {@link Checked} values, or the answer that ends it (error page or redirect). */
  private Object check(MultivaluedMap<String, String> parameters, String acceptLanguage) {
    Locale language = HostedPages.languageOf(parameters.getFirst("ui_locales"), acceptLanguage);
    Optional<OidcClients.Client> client = clients.find(single(parameters, "client_id"));
    if (client.isEmpty()) {
      return messagePage(language, "error_title", "error_unknown_client", 400);
    }
    String redirect = single(parameters, "redirect_uri");
    if (!client.get().redirectsTo(redirect)) {
      return messagePage(language, "error_title", "error_bad_redirect", 400);
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
    Set<String> asked = Set.copyOf(request.getScope().toStringList());
    String scope = SCOPES.stream().filter(asked::contains).collect(Collectors.joining(" "));
    return new Checked(
        client.get(),
        redirectUri,
        state,
        scope,
        request.getNonce() == null ? null : request.getNonce().getValue(),
        request.getCodeChallenge().getValue(),
        parameters.getFirst("ui_locales"),
        request.getLoginHint(),
        language);
  }

  private static Map<String, List<String>> withoutFormFields(
      MultivaluedMap<String, String> parameters) {
    Map<String, List<String>> request = new LinkedHashMap<>(parameters);
    List.of("email", "password", "csrf", "altcha").forEach(request::remove);
    return request;
  }

  private static String single(MultivaluedMap<String, String> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.size() != 1 ? null : values.get(0);
  }

  private static ErrorObject invalidRequest(String description) {
    return OAuth2Error.INVALID_REQUEST.setDescription(description);
  }

  private Response backToApp(URI redirectUri, ErrorObject error, State state) {
    URI back =
        new AuthorizationErrorResponse(redirectUri, error, state, issuer, ResponseMode.QUERY)
            .toURI();
    return Response.seeOther(back).header("Cache-Control", "no-store").build();
  }

  private HostedPages.Page signInPage(Checked request, String csrf) {
    List<Map<String, String>> hidden = new ArrayList<>();
    request.parameters().forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
    hidden.add(Map.of("name", "csrf", "value", csrf));
    return pages
        .page("signin", request.language())
        .with("hidden", hidden)
        .formMayLeadTo(sourceOf(request.redirectUri()));
  }

  private Response failed(
      Checked request,
      String csrf,
      String email,
      String messageKey,
      int status,
      Challenge challenge) {
    HostedPages.Page page = signInPage(request, csrf).status(status).with("email", email);
    page.with("error", pages.text(page, messageKey));
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

  private Response messagePage(Locale language, String headingKey, String bodyKey, int status) {
    HostedPages.Page page = pages.page("message", language).status(status).with("alert", true);
    return pages.render(
        page.with("heading", pages.text(page, headingKey)).with("body", pages.text(page, bodyKey)));
  }

  /** The widget's attributes take JSON; Mustache escapes it for the attribute. */
  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a widget setting that cannot be written", e);
    }
  }

  /** The Content-Security-Policy source of the app's redirect URI (its origin, or its scheme). */
  static String sourceOf(URI redirectUri) {
    String scheme = redirectUri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      return scheme + "://" + redirectUri.getRawAuthority();
    }
    return scheme + ":";
  }

  private NewCookie csrfCookie(String token) {
    return new NewCookie.Builder(CSRF_COOKIE)
        .value(token)
        .path("/oauth2/authorize")
        .httpOnly(true)
        .secure(issuer.getValue().startsWith("https://"))
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(3600)
        .build();
  }

  private static String newCsrfToken() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static boolean isWellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  private static boolean sameToken(String cookie, String field) {
    return field != null
        && MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII));
  }
}
