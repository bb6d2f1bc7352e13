package com.retail.identity.verification.resources;

import com.retail.identity.common.tokens.Principal;
import com.retail.identity.verification.api.FlagRequest;
import com.retail.identity.verification.core.PhoneRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** Support staff flag an abusive account, which keeps it from launch purchases (admin only). */
@Path("/v1/flags/{userId}")
@RolesAllowed(Principal.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class FlagsResource {
  private final PhoneRecords records;
  private final Clock clock;

  public FlagsResource(PhoneRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @PUT
  public Response flag(@PathParam("userId") String userId, @NotNull @Valid FlagRequest request) {
    records.setFlag(EligibilityResource.userIdOf(userId), request.reason(), clock.instant());
    return Response.noContent().build();
  }

  @DELETE
  public Response unflag(@PathParam("userId") String userId) {
    records.clearFlag(EligibilityResource.userIdOf(userId));
    return Response.noContent().build();
  }
}
