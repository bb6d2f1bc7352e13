package com.retail.identity.query.resources;

import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.RoleRefusal;
import com.retail.identity.query.api.AuditEntryView;
import com.retail.identity.query.api.AuditTrailResponse;
import com.retail.identity.query.core.ReadAuditTrail;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /v1/audit?subject=&actor=&from=&to=&before=&limit=}: the audit trail of staff acts,
 * for admins (docs/adr/0014-audit-trail-and-staff-roles.md).
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final ReadAuditTrail audit;

  public AuditResource(ReadAuditTrail audit) {
    this.audit = audit;
  }

  @ApiResponse(
      responseCode = "200",
      description = "A page of the audit trail and the token of the next page.",
      content = @Content(schema = @Schema(implementation = AuditTrailResponse.class)))
  @ApiResponse(responseCode = "400", description = "A parameter is invalid (named in errors).")
  @ApiResponse(responseCode = "403", description = "The token is not an admin's.")
  @GET
  @RolesAllowed(Principal.ADMIN)
  @RoleRefusal("Only admins may read the audit trail.")
  public Response readAuditTrail(
      @QueryParam("subject") String subject,
      @QueryParam("actor") String actor,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    ReadAuditTrail.Page page =
        audit.read(
            ActingCaller.of(caller, http),
            new ReadAuditTrail.Command(subject, actor, from, to, before, limit));
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    noStore.setPrivate(true);
    return Response.ok(
            new AuditTrailResponse(
                page.entries().stream().map(AuditResource::view).toList(), page.next()))
        .cacheControl(noStore)
        .build();
  }

  private static AuditEntryView view(AuditEntry entry) {
    return new AuditEntryView(
        entry.id(),
        entry.at(),
        entry.actor(),
        entry.action().name(),
        entry.subject(),
        entry.requestId(),
        entry.reason(),
        entry.service(),
        entry.detail());
  }
}
