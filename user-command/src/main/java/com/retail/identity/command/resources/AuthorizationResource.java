package com.retail.identity.command.resources;

import com.retail.identity.command.core.ChallengeRequired;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.LoginThrottled;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.TrustedProxies;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The OpenID Connect authorization endpoint with the hosted sign-in page (authorization code flow,
 * PKCE with S256 required of every app; the request's checks in {@link AuthorizationRequests}).
 * Signing in goes through the same admission control, throttling and proof of work as the JSON
 * login ({@link PasswordSignIn}).
 */
@Path("/oauth2/authorize")
@Hidden
public final class AuthorizationResource {
  private final AuthorizationRequests requests;
  private final SignedIn signedIn;
  private final PasswordSignIn signIn;
  private final TrustedProxies proxies;

  public AuthorizationResource(
      AuthorizationRequests requests,
      SignedIn signedIn,
      PasswordSignIn signIn,
      TrustedProxies proxies) {
    this.requests = requests;
    this.signedIn = signedIn;
    this.signIn = signIn;
    this.proxies = proxies;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the sign-in page: whoever opens it has not signed in yet")
  public Response show(
      @Context UriInfo uri,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    return requests.show(
        "signin",
        uri.getQueryParameters(),
        acceptLanguage,
        csrf,
        (request, page) -> page.with("email", request.loginHint()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the email and password in the form are the credentials")
  public Response signIn(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf,
      @Context HttpServletRequest http) {
    AuthorizationRequests.Checked checked = requests.checkPosted(form, acceptLanguage, csrf);
    if (!(checked instanceof AuthorizationRequests.Valid request)) {
      return ((AuthorizationRequests.Answered) checked).response();
    }
    String email = form.getFirst("email");
    String password = form.getFirst("password");
    HostedPages.Page again = requests.formPage("signin", request, csrf).with("email", email);
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      return requests.failed(again, "error_credentials", 400, null);
    }
    Origin origin = Origin.of(http, proxies).withChallengeSolution(form.getFirst("altcha"));
    AdmissionDecision admitted = signIn.admit(email, origin);
    if (!admitted.isAllowed()) {
      return AdmissionPages.refused(requests, again, admitted);
    }
    Credentials.Credential credential;
    try {
      credential = signIn.authenticate(email, password, origin, admitted);
    } catch (InvalidCredentials e) {
      return requests.failed(again, "error_credentials", 401, null);
    } catch (LoginThrottled e) {
      return requests.failed(again, "error_throttled", 429, null);
    } catch (ChallengeRequired e) {
      return requests.failed(again, "error_challenge", 403, e.challenge());
    }
    return signedIn.next(request, credential.userId(), csrf);
  }
}
