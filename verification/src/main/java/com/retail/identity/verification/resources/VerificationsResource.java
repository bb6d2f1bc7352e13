package com.retail.identity.verification.resources;

import com.retail.identity.common.tokens.BearerAuthenticator;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.ConfirmRequest;
import com.retail.identity.verification.api.ConfirmResponse;
import com.retail.identity.verification.api.StartVerificationRequest;
import com.retail.identity.verification.api.StartVerificationResponse;
import com.retail.identity.verification.core.ConfirmVerification;
import com.retail.identity.verification.core.StartVerification;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** SMS one-time codes for the signed-in customer's phone. */
@Path("/v1/verifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class VerificationsResource {
  private final BearerAuthenticator authenticator;
  private final StartVerification start;
  private final ConfirmVerification confirm;

  public VerificationsResource(BearerAuthenticator authenticator, StartVerification start, ConfirmVerification confirm) {
    this.authenticator = authenticator;
    this.start = start;
    this.confirm = confirm;
  }

  @POST
  public Response start(@HeaderParam("Authorization") String authorization,
      @HeaderParam("Accept-Language") String acceptLanguage, @NotNull @Valid StartVerificationRequest request) {
    Principal caller = customer(authorization);
    String language = request.locale() != null && !request.locale().isBlank() ? request.locale() : acceptLanguage;
    StartVerification.Started started = start.start(caller.userId(), request.phone(), language);
    return Response.accepted(new StartVerificationResponse(started.verificationId(), started.expiresAt())).build();
  }

  @POST
  @Path("/{id}/confirm")
  public ConfirmResponse confirm(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
      @NotNull @Valid ConfirmRequest request) {
    Principal caller = customer(authorization);
    confirm.confirm(caller.userId(), id, request.code());
    return new ConfirmResponse(true);
  }

  /** Codes are for the customer's own phone: a user token (service tokens have no phone). */
  private Principal customer(String authorization) {
    Principal caller = authenticator.authenticate(authorization);
    if (!caller.hasRole(Principal.USER)) {
      throw BearerAuthenticator.forbidden();
    }
    return caller;
  }
}
