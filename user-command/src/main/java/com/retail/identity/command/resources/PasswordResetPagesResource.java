package com.retail.identity.command.resources;

import com.retail.identity.command.core.InvalidOneTimeToken;
import com.retail.identity.command.core.RequestPasswordReset;
import com.retail.identity.command.core.ResetPassword;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.http.RequestIdFilter;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hosted password reset (docs/adr/0013): the sign-in page's "Forgot your password?" asks for
 * the address (with the JSON API's admission control and proof of work, and its one answer for
 * every address), and the emailed link opens a page that sets the new password. The link carries
 * the token in its fragment, which browsers do not send to servers; the page's own script ({@code
 * /pages/assets/reset.js}) moves it into the form. Both forms are protected by the pages'
 * anti-forgery cookie.
 */
@Path("/oauth2/password-reset")
@Hidden
public final class PasswordResetPagesResource {
  private final AuthorizationRequests requests;
  private final HostedPages pages;
  private final RequestPasswordReset requestReset;
  private final ResetPassword resetPassword;
  private final AdmissionGate admission;
  private final TrustedProxies proxies;

  public PasswordResetPagesResource(
      AuthorizationRequests requests,
      HostedPages pages,
      RequestPasswordReset requestReset,
      ResetPassword resetPassword,
      AdmissionGate admission,
      TrustedProxies proxies) {
    this.requests = requests;
    this.pages = pages;
    this.requestReset = requestReset;
    this.resetPassword = resetPassword;
    this.admission = admission;
    this.proxies = proxies;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("whoever forgot their password has not signed in")
  public Response show(
      @Context UriInfo uri,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    return requests.show(
        "reset_request",
        uri.getQueryParameters(),
        acceptLanguage,
        csrf,
        (request, page) -> page.with("email", request.loginHint()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("whoever forgot their password has not signed in; the answer tells nothing")
  public Response requestReset(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf,
      @Context HttpServletRequest http) {
    AuthorizationRequests.Checked checked = requests.checkPosted(form, acceptLanguage, csrf);
    if (!(checked instanceof AuthorizationRequests.Valid request)) {
      return ((AuthorizationRequests.Answered) checked).response();
    }
    String email = form.getFirst("email");
    HostedPages.Page again = requests.formPage("reset_request", request, csrf).with("email", email);
    if (email == null || email.isBlank()) {
      return requests.failedFields(again, Map.of("email", "field_error_email"));
    }
    Origin origin = Origin.of(http, proxies).withChallengeSolution(form.getFirst("altcha"));
    AdmissionDecision admitted =
        admission.decide(
            AdmissionRequest.reset(
                origin.clientAddress(), origin.deviceId(), email, origin.challengeSolution()));
    if (!admitted.isAllowed()) {
      return AdmissionPages.refused(requests, again, admitted);
    }
    try {
      requestReset.request(new RequestPasswordReset.Command(email));
    } catch (InvalidInput e) {
      return requests.failedFields(again, Map.of("email", "field_error_email"));
    }
    // One answer whether or not an account uses the address
    return requests.formPage("reset_sent", request, csrf).render();
  }

  @GET
  @Path("/new")
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the emailed link's token, in its fragment, is the credential")
  public Response showNewPassword(
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    String token = AuthorizationRequests.csrfTokenFor(csrf);
    return newPasswordPage(HostedPages.languageOf(null, acceptLanguage), token)
        .cookie(requests.csrfCookie(token))
        .render();
  }

  @POST
  @Path("/new")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the emailed one-time token in the form is the credential")
  public Response setNewPassword(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf,
      @Context HttpServletRequest http) {
    Locale language = HostedPages.languageOf(null, acceptLanguage);
    if (!AuthorizationRequests.csrfHolds(csrf, form.getFirst("csrf"))) {
      return requests.messagePage(language, "error_title", "error_form_expired", 403);
    }
    try {
      resetPassword.reset(
          new ResetPassword.Command(form.getFirst("token"), form.getFirst("newPassword")),
          (String) http.getAttribute(RequestIdFilter.MDC_KEY));
      return requests.messagePage(language, "reset_done_title", "reset_done_body", 200);
    } catch (InvalidInput e) {
      List<String> fields = e.violations().stream().map(FieldViolation::field).toList();
      if (fields.contains("token")) {
        return invalidLink(language);
      }
      return requests.failedFields(
          newPasswordPage(language, csrf).with("token", form.getFirst("token")),
          Map.of("newPassword", "field_error_password"));
    } catch (InvalidOneTimeToken e) {
      return invalidLink(language);
    }
  }

  private Response invalidLink(Locale language) {
    return requests.messagePage(language, "reset_title", "error_reset_link", 400);
  }

  private HostedPages.Page newPasswordPage(Locale language, String csrf) {
    return pages.page("reset_new", language).with("csrf", csrf);
  }
}
