package com.retail.identity.command.resources;

import com.retail.identity.command.core.PendingSignIns;
import com.retail.identity.command.core.PhoneVerifications;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted phone step ({@link SignedIn}): the customer who signed in types a mobile number, gets
 * a code by SMS from the verification service, types it, and goes back to the app with a code whose
 * ID token says {@code acr=}{@value VerifyPhoneWhileSigningIn#ACR}. Each post carries the app's
 * authorization request (checked again), the anti-forgery token and the signed ticket of the
 * sign-in, bound to this browser; verification applies its own limits (codes per phone and per
 * account, wrong codes per verification).
 */
@Path("/oauth2/verify-phone")
@Hidden
public final class PhoneStepResource {
  private final AuthorizationRequests requests;
  private final PendingSignIns tickets;
  private final SignedIn signedIn;
  private final VerifyPhoneWhileSigningIn phoneStep;

  public PhoneStepResource(
      AuthorizationRequests requests,
      PendingSignIns tickets,
      SignedIn signedIn,
      VerifyPhoneWhileSigningIn phoneStep) {
    this.requests = requests;
    this.tickets = tickets;
    this.signedIn = signedIn;
    this.phoneStep = phoneStep;
  }

  /** What a post comes to once checked. */
  private sealed interface Posted permits Step, Ended {}

  /** A posted step: the app's request, and the sign-in its ticket proves. */
  private record Step(
      AuthorizationRequests.Valid request, PendingSignIns.PendingSignIn signIn, String ticket)
      implements Posted {}

  /** The post ends here (an error page, or back to the app with an error). */
  private record Ended(Response response) implements Posted {}

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the signed ticket in the form proves this browser signed in moments ago")
  public Response sendCode(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    Posted posted = step(form, acceptLanguage, csrf);
    if (!(posted instanceof Step step)) {
      return ((Ended) posted).response();
    }
    String phone = Optional.ofNullable(form.getFirst("phone")).orElse("").strip();
    HostedPages.Page again =
        signedIn.phonePage(step.request(), csrf, step.ticket()).with("phone", phone);
    try {
      String verificationId =
          phoneStep.sendCode(
              step.signIn().userId(), phone, step.request().language().toLanguageTag());
      return signedIn.codePage(step.request(), csrf, step.ticket(), verificationId, phone).render();
    } catch (PhoneVerifications.Refused refused) {
      return switch (refused.refusal()) {
        case INVALID_PHONE -> requests.failedFields(again, Map.of("phone", "field_error_mobile"));
        case NOT_MOBILE -> requests.failedFields(again, Map.of("phone", "field_error_not_mobile"));
        case TOO_SOON -> requests.failed(again, "error_code_too_soon", 429, null);
        default -> requests.failed(again, "error_phone_unavailable", 503, null);
      };
    }
  }

  @POST
  @Path("/code")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the signed ticket in the form proves this browser signed in moments ago")
  public Response confirm(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    Posted posted = step(form, acceptLanguage, csrf);
    if (!(posted instanceof Step step)) {
      return ((Ended) posted).response();
    }
    String verificationId = form.getFirst("verification");
    String phone = Optional.ofNullable(form.getFirst("phone")).orElse("");
    try {
      phoneStep.confirm(step.signIn().userId(), verificationId, form.getFirst("code"));
      return requests.completed(
          step.request(),
          step.signIn().userId(),
          step.signIn().authTime(),
          VerifyPhoneWhileSigningIn.ACR);
    } catch (PhoneVerifications.Refused refused) {
      return switch (refused.refusal()) {
        case WRONG_CODE ->
            requests.failedFields(
                signedIn.codePage(
                    step.request(), csrf, step.ticket(), orEmpty(verificationId), phone),
                Map.of("code", "field_error_code"));
        case UNAVAILABLE ->
            requests.failed(
                signedIn.codePage(
                    step.request(), csrf, step.ticket(), orEmpty(verificationId), phone),
                "error_phone_unavailable",
                503,
                null);
        default ->
            requests.failed(
                signedIn.phonePage(step.request(), csrf, step.ticket()).with("phone", phone),
                "error_code_start_again",
                410,
                null);
      };
    }
  }

  /** The posted request and ticket, checked. */
  private Posted step(MultivaluedMap<String, String> form, String acceptLanguage, String csrf) {
    AuthorizationRequests.Checked checked = requests.checkPosted(form, acceptLanguage, csrf);
    if (!(checked instanceof AuthorizationRequests.Valid request)) {
      return new Ended(((AuthorizationRequests.Answered) checked).response());
    }
    String ticket = form.getFirst("ticket");
    Optional<PendingSignIns.PendingSignIn> signIn =
        tickets.open(ticket, request.client().id(), csrf);
    if (signIn.isEmpty()) {
      return new Ended(
          requests.messagePage(request.language(), "error_title", "error_form_expired", 403));
    }
    return new Step(request, signIn.get(), ticket);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
