package com.retail.identity.verification.resources;

import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.ConfirmRequest;
import com.retail.identity.verification.api.ConfirmResponse;
import com.retail.identity.verification.api.StartVerificationRequest;
import com.retail.identity.verification.api.StartVerificationResponse;
import com.retail.identity.verification.core.ConfirmVerification;
import com.retail.identity.verification.core.StartVerification;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * SMS one-time codes for the signed-in customer's phone: a user token (service tokens have no
 * phone).
 */
@Path("/v1/verifications")
@RolesAllowed(Principal.USER)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class VerificationsResource {
  private final StartVerification start;
  private final ConfirmVerification confirm;

  public VerificationsResource(StartVerification start, ConfirmVerification confirm) {
    this.start = start;
    this.confirm = confirm;
  }

  @ApiResponse(
      responseCode = "202",
      description = "A code is on its way by SMS.",
      content = @Content(schema = @Schema(implementation = StartVerificationResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not a customer's.")
  @ApiResponse(responseCode = "422", description = "The number is not a mobile phone.")
  @ApiResponse(
      responseCode = "429",
      description =
          "Asked again too soon or the day's limit is reached; Retry-After says when to retry.")
  @POST
  public Response start(
      @Auth Principal caller,
      @HeaderParam("Accept-Language") String acceptLanguage,
      @NotNull @Valid StartVerificationRequest request) {
    String language =
        request.locale() != null && !request.locale().isBlank() ? request.locale() : acceptLanguage;
    StartVerification.Started started = start.start(caller.userId(), request.phone(), language);
    return Response.accepted(
            new StartVerificationResponse(started.verificationId(), started.expiresAt()))
        .build();
  }

  @ApiResponse(
      responseCode = "200",
      description = "The phone is verified.",
      content = @Content(schema = @Schema(implementation = ConfirmResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not a customer's.")
  @ApiResponse(responseCode = "404", description = "No such verification for this account.")
  @ApiResponse(responseCode = "409", description = "The verification is already completed.")
  @ApiResponse(responseCode = "410", description = "The code has expired; start again.")
  @ApiResponse(responseCode = "422", description = "The code is not the one sent.")
  @ApiResponse(responseCode = "429", description = "Too many wrong codes for this verification.")
  @POST
  @Path("/{id}/confirm")
  public ConfirmResponse confirm(
      @Auth Principal caller, @PathParam("id") String id, @NotNull @Valid ConfirmRequest request) {
    confirm.confirm(caller.userId(), id, request.code());
    return new ConfirmResponse(true);
  }
}
