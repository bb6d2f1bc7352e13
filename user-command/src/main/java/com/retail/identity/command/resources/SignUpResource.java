package com.retail.identity.command.resources;

import com.retail.identity.command.core.EmailTaken;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.DisposableEmailDomains;
import com.retail.identity.command.core.admission.TrustedProxies;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hosted sign-up page, reached from the sign-in page with the app's authorization request: the
 * customer registers (the same rules, admission control and proof of work as {@code POST
 * /v1/users}) and goes straight back to the app signed in, with a code. Each field that breaks a
 * rule says so next to itself.
 */
@Path("/oauth2/sign-up")
@Hidden
public final class SignUpResource {
  /** The form's fields, as the registration names them. */
  static final List<String> FIELDS =
      List.of("email", "password", "firstName", "lastName", "country", "phone");

  private final AuthorizationRequests requests;
  private final SignedIn signedIn;
  private final RegisterUser registerUser;
  private final AdmissionGate admission;
  private final TrustedProxies proxies;

  public SignUpResource(
      AuthorizationRequests requests,
      SignedIn signedIn,
      RegisterUser registerUser,
      AdmissionGate admission,
      TrustedProxies proxies) {
    this.requests = requests;
    this.signedIn = signedIn;
    this.registerUser = registerUser;
    this.admission = admission;
    this.proxies = proxies;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the sign-up page: whoever opens it has no account yet")
  public Response show(
      @Context UriInfo uri,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf) {
    return requests.show(
        "signup",
        uri.getQueryParameters(),
        acceptLanguage,
        csrf,
        (request, page) -> page.with("values", Map.of("email", orEmpty(request.loginHint()))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("a new customer: the form is the registration")
  public Response signUp(
      MultivaluedMap<String, String> form,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @CookieParam(AuthorizationRequests.CSRF_COOKIE) String csrf,
      @Context HttpServletRequest http) {
    AuthorizationRequests.Checked checked = requests.checkPosted(form, acceptLanguage, csrf);
    if (!(checked instanceof AuthorizationRequests.Valid request)) {
      return ((AuthorizationRequests.Answered) checked).response();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String value = form.getFirst(field);
      values.put(field, value == null || value.isBlank() ? null : value.strip());
    }
    Map<String, String> shown = new LinkedHashMap<>(values);
    shown.remove("password"); // never sent back
    shown.replaceAll((field, value) -> orEmpty(value));
    HostedPages.Page again = requests.formPage("signup", request, csrf).with("values", shown);
    Origin origin = Origin.of(http, proxies).withChallengeSolution(form.getFirst("altcha"));
    AdmissionDecision admitted =
        admission.decide(
            AdmissionRequest.register(
                origin.clientAddress(),
                origin.deviceId(),
                values.get("email"),
                origin.challengeSolution()));
    if (admitted.outcome() == AdmissionDecision.Outcome.REFUSED
        && DisposableEmailDomains.REASON.equals(admitted.reason())) {
      return requests.failedFields(again, Map.of("email", "field_error_email_disposable"));
    }
    if (!admitted.isAllowed()) {
      return AdmissionPages.refused(requests, again, admitted);
    }
    try {
      RegisterUser.Registered registered =
          registerUser.register(
              new RegisterUser.Command(
                  values.get("email"),
                  values.get("password"),
                  values.get("firstName"),
                  values.get("lastName"),
                  values.get("country") == null ? null : values.get("country").toUpperCase(),
                  values.get("phone"),
                  request.language().toLanguageTag()),
              (String) http.getAttribute(RequestIdFilter.MDC_KEY));
      return signedIn.next(request, registered.userId(), csrf);
    } catch (InvalidInput e) {
      Map<String, String> messages = new LinkedHashMap<>();
      e.violations().stream()
          .filter(v -> FIELDS.contains(v.field()))
          .forEach(v -> messages.putIfAbsent(v.field(), "field_error_" + v.field()));
      return requests.failedFields(again, messages);
    } catch (EmailTaken e) {
      return requests.failed(again, "error_email_taken", 409, null);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
