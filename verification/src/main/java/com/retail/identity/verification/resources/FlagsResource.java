package com.retail.identity.verification.resources;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.FlagRequest;
import com.retail.identity.verification.core.FlagAccounts;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Support staff flag an abusive account, which keeps it from launch purchases (admin only). */
@Path("/v1/flags/{userId}")
@RolesAllowed(Principal.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class FlagsResource {
  private final FlagAccounts flags;

  public FlagsResource(FlagAccounts flags) {
    this.flags = flags;
  }

  @ApiResponse(
      responseCode = "204",
      description = "The account is flagged: not eligible for launches.")
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not an admin's.")
  @PUT
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response flag(
      @PathParam("userId") String userId,
      @NotNull @Valid FlagRequest request,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    flags.flag(
        ActingCaller.of(caller, http), EligibilityResource.userIdOf(userId), request.reason());
    return Response.noContent().build();
  }

  @ApiResponse(responseCode = "204", description = "The flag is lifted.")
  @ApiResponse(responseCode = "400", description = "The user id is invalid.")
  @ApiResponse(responseCode = "403", description = "The token is not an admin's.")
  @DELETE
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response unflag(
      @PathParam("userId") String userId,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    flags.unflag(ActingCaller.of(caller, http), EligibilityResource.userIdOf(userId));
    return Response.noContent().build();
  }
}
