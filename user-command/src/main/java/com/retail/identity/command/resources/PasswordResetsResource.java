package com.retail.identity.command.resources;

import com.retail.identity.command.api.Accepted;
import com.retail.identity.command.api.PasswordResetConfirmRequest;
import com.retail.identity.command.api.PasswordResetRequest;
import com.retail.identity.command.core.RequestPasswordReset;
import com.retail.identity.command.core.ResetPassword;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Account recovery by email (docs/adr/0013-account-recovery.md). */
@Path("/v1/password-resets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class PasswordResetsResource {
  private final RequestPasswordReset requestReset;
  private final ResetPassword resetPassword;
  private final AdmissionGate admission;
  private final TrustedProxies proxies;

  public PasswordResetsResource(
      RequestPasswordReset requestReset,
      ResetPassword resetPassword,
      AdmissionGate admission,
      TrustedProxies proxies) {
    this.requestReset = requestReset;
    this.resetPassword = resetPassword;
    this.admission = admission;
    this.proxies = proxies;
  }

  /** 202 with one body whether or not an account uses the address. */
  @ApiResponse(
      responseCode = "202",
      description =
          "Accepted: an email goes out if the address has an account (the answer is the same either way).",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(
      responseCode = "403",
      description = "A proof-of-work challenge must be solved first (challenge in the body).")
  @ApiResponse(
      responseCode = "429",
      description = "Too many requests; Retry-After says when to retry.")
  @POST
  @PublicEndpoint("whoever forgot their password has no token; the answer tells nothing")
  public Response requestPasswordReset(
      @NotNull @Valid PasswordResetRequest request, @Context HttpServletRequest http) {
    Origin origin = Origin.of(http, proxies);
    AdmissionProblems.enforce(
        admission.decide(
            AdmissionRequest.reset(
                origin.clientAddress(),
                origin.deviceId(),
                request.email(),
                origin.challengeSolution())));
    requestReset.request(new RequestPasswordReset.Command(request.email()));
    return Response.accepted(Accepted.PASSWORD_RESET).build();
  }

  /** 204; every session of the account has ended. */
  @ApiResponse(
      responseCode = "204",
      description = "The password is set; every session of the account ends.")
  @ApiResponse(
      responseCode = "400",
      description = "A field is invalid, or the token is unknown, spent or expired.")
  @POST
  @Path("/confirm")
  @PublicEndpoint("the emailed one-time token in the body is the credential")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response resetPassword(
      @NotNull @Valid PasswordResetConfirmRequest confirm, @Context HttpServletRequest http) {
    resetPassword.reset(
        new ResetPassword.Command(confirm.token(), confirm.newPassword()),
        (String) http.getAttribute(RequestIdFilter.MDC_KEY));
    return Response.noContent().build();
  }
}
