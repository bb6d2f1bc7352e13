package com.retail.identity.command.resources;

import com.retail.identity.command.core.PendingSignIns;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What follows once a customer has proven who they are on a hosted page (signed in, or signed up):
 * back to the app with a code, or, when the app asked for a verified phone ({@code acr_values=}
 * {@value VerifyPhoneWhileSigningIn#ACR}) and the account has none, the phone step first ({@link
 * PhoneStepResource}). The ID token says {@code acr} only when the account has a verified phone.
 */
public final class SignedIn {
  private final AuthorizationRequests requests;
  private final PendingSignIns tickets;
  private final VerifyPhoneWhileSigningIn phoneStep;
  private final Clock clock;

  public SignedIn(
      AuthorizationRequests requests,
      PendingSignIns tickets,
      VerifyPhoneWhileSigningIn phoneStep,
      Clock clock) {
    this.requests = requests;
    this.tickets = tickets;
    this.phoneStep = phoneStep;
    this.clock = clock;
  }

  /** {@code csrf}: the browser's anti-forgery token, to which a phone step's ticket is bound. */
  Response next(AuthorizationRequests.Valid request, UUID userId, String csrf) {
    Instant authTime = clock.instant();
    if (!request.verifiedPhone()) {
      return requests.completed(request, userId, authTime, null);
    }
    if (!phoneStep.needed(userId)) {
      return requests.completed(request, userId, authTime, VerifyPhoneWhileSigningIn.ACR);
    }
    String ticket = tickets.issue(userId, request.client().id(), csrf, authTime);
    return phonePage(request, csrf, ticket).render();
  }

  /** The form for the phone number. */
  HostedPages.Page phonePage(AuthorizationRequests.Valid request, String csrf, String ticket) {
    return requests.formPage("phone", request, csrf, Map.of("ticket", ticket)).with("phone", "");
  }

  /** The form for the code sent to {@code phone}. */
  HostedPages.Page codePage(
      AuthorizationRequests.Valid request,
      String csrf,
      String ticket,
      String verificationId,
      String phone) {
    return requests
        .formPage(
            "phone_code",
            request,
            csrf,
            Map.of("ticket", ticket, "verification", verificationId, "phone", phone))
        .with("phone", phone);
  }
}
