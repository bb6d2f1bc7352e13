package com.retail.identity.command.resources;

import com.retail.identity.command.api.Accepted;
import com.retail.identity.command.api.EmailVerificationConfirmRequest;
import com.retail.identity.command.api.VersionResponse;
import com.retail.identity.command.core.ResendEmailVerification;
import com.retail.identity.command.core.VerifyEmail;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Proof that the registered address is the customer's (docs/adr/0013-account-recovery.md). */
@Path("/v1/email-verifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class EmailVerificationsResource {
  private final VerifyEmail verifyEmail;
  private final ResendEmailVerification resend;

  public EmailVerificationsResource(VerifyEmail verifyEmail, ResendEmailVerification resend) {
    this.verifyEmail = verifyEmail;
    this.resend = resend;
  }

  /** 202: a new verification email to the caller's own registered address. */
  @ApiResponse(
      responseCode = "202",
      description = "Accepted: a verification email goes out unless the address is verified.",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @ApiResponse(responseCode = "403", description = "The token is not a customer's.")
  @ApiResponse(responseCode = "409", description = "The email address is already verified.")
  @ApiResponse(
      responseCode = "429",
      description = "The hour's account emails are spent; Retry-After says when to retry.")
  @POST
  @RolesAllowed(Principal.USER)
  public Response resendVerificationEmail(@Auth Principal caller) {
    resend.resend(caller.userId());
    return Response.accepted(Accepted.EMAIL_VERIFICATION).build();
  }

  /** 200 with the account's new version; the profile shows {@code emailVerified} from then on. */
  @ApiResponse(
      responseCode = "200",
      description = "The email is verified; the account's new version.",
      content = @Content(schema = @Schema(implementation = VersionResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "A field is invalid, or the token is unknown, spent or expired.")
  @POST
  @Path("/confirm")
  @PublicEndpoint("the emailed one-time token in the body is the credential")
  public Response verifyEmail(
      @NotNull @Valid EmailVerificationConfirmRequest confirm, @Context HttpServletRequest http) {
    VerifyEmail.Verified verified =
        verifyEmail.verify(
            new VerifyEmail.Command(confirm.token()),
            (String) http.getAttribute(RequestIdFilter.MDC_KEY));
    return Response.ok(new VersionResponse(verified.userId(), verified.version()))
        .tag(new EntityTag(Long.toString(verified.version())))
        .build();
  }
}
