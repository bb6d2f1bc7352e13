package com.retail.identity.verification.resources;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.EligibilityResponse;
import com.retail.identity.verification.core.CheckEligibility;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Launch-purchase eligibility, for the shop's services and for support staff. */
@Path("/v1/launches/{launchId}/eligibility")
@Produces(MediaType.APPLICATION_JSON)
public final class EligibilityResource {
  private final CheckEligibility eligibility;
  private final Auditor auditor;

  public EligibilityResource(CheckEligibility eligibility, Auditor auditor) {
    this.eligibility = eligibility;
    this.auditor = auditor;
  }

  @ApiResponse(
      responseCode = "200",
      description = "Whether the account may buy in this launch, and why not.",
      content = @Content(schema = @Schema(implementation = EligibilityResponse.class)))
  @ApiResponse(responseCode = "400", description = "The launch or user id is invalid.")
  @ApiResponse(
      responseCode = "403",
      description = "The token is not a service's, an admin's or a support agent's.")
  @ApiResponse(responseCode = "404", description = "No such launch, or no such account.")
  @GET
  @RolesAllowed({Principal.SERVICE, Principal.ADMIN, Principal.SUPPORT})
  public EligibilityResponse eligibility(
      @PathParam("launchId") String launchId,
      @QueryParam("userId") String userId,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    if (launchId == null || launchId.isBlank() || launchId.length() > 100) {
      throw ProblemException.validation("launchId", "must be a launch id");
    }
    UUID subject = userIdOf(userId);
    // The shop's services ask for every purchase; support staff asking is a read of a customer.
    Acting staff = caller.hasRole(Principal.SERVICE) ? null : ActingCaller.of(caller, http);
    CheckEligibility.Eligibility result = eligibility.check(launchId, subject);
    if (staff != null) {
      auditor.record(staff, AuditAction.READ_ELIGIBILITY, subject.toString(), "launch=" + launchId);
    }
    return new EligibilityResponse(result.eligible(), result.reasons());
  }

  static UUID userIdOf(String userId) {
    if (userId == null || userId.isBlank()) {
      throw ProblemException.validation("userId", "is required");
    }
    try {
      return UUID.fromString(userId.strip());
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("userId", "must be a UUID");
    }
  }
}
