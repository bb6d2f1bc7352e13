package com.retail.identity.command.resources;

import com.retail.identity.command.api.PhoneVerifiedRequest;
import com.retail.identity.command.api.ServiceTokenRequest;
import com.retail.identity.command.api.ServiceTokenResponse;
import com.retail.identity.command.core.RecordVerifiedPhone;
import com.retail.identity.command.core.ServiceTokens;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.PublicEndpoint;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Calls from the platform's own services (service tokens only), never from the apps. */
@Path("/internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class InternalResource {
  private final ServiceTokens serviceTokens;
  private final RecordVerifiedPhone recordVerifiedPhone;

  public InternalResource(ServiceTokens serviceTokens, RecordVerifiedPhone recordVerifiedPhone) {
    this.serviceTokens = serviceTokens;
    this.recordVerifiedPhone = recordVerifiedPhone;
  }

  @ApiResponse(
      responseCode = "200",
      description = "A short-lived service token.",
      content = @Content(schema = @Schema(implementation = ServiceTokenResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "401", description = "Unknown client or wrong secret.")
  @POST
  @Path("/service-tokens")
  @PublicEndpoint("the client id and secret in the body are the credentials")
  public ServiceTokenResponse serviceToken(@NotNull @Valid ServiceTokenRequest request) {
    return new ServiceTokenResponse(
        serviceTokens.issue(request.clientId(), request.clientSecret()),
        "Bearer",
        serviceTokens.lifetimeSeconds());
  }

  /** Verification proved the phone; a repeated verification id is accepted and changes nothing. */
  @ApiResponse(responseCode = "204", description = "Recorded on the account.")
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not a platform service's.")
  @ApiResponse(responseCode = "404", description = "No such account.")
  @POST
  @Path("/users/{id}/phone-verified")
  @RolesAllowed(Principal.SERVICE)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response phoneVerified(
      @PathParam("id") String id,
      @NotNull @Valid PhoneVerifiedRequest request,
      @Context HttpServletRequest http) {
    recordVerifiedPhone.record(
        new RecordVerifiedPhone.Command(
            UsersResource.parse(id), request.verificationId(), request.phone()),
        (String) http.getAttribute(RequestIdFilter.MDC_KEY));
    return Response.noContent().build();
  }
}
