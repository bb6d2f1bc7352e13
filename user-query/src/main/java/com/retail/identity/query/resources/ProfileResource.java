package com.retail.identity.query.resources;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.query.api.ProfileView;
import com.retail.identity.query.core.ReadProfile;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/users/{id}[?minVersion=N]}: the profile, for its owner or staff (admin, support).
 * The version is also the {@code ETag}; {@code X-Profile-Source} says which read model answered.
 */
@Path("/v1/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileResource {
  public static final String SOURCE_HEADER = "X-Profile-Source";
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

  private final ReadProfile profiles;
  private final Auditor auditor;

  public ProfileResource(ReadProfile profiles, Auditor auditor) {
    this.profiles = profiles;
    this.auditor = auditor;
  }

  @ApiResponse(
      responseCode = "200",
      description =
          "The profile; ETag is its version, X-Profile-Source says which read model answered.",
      content = @Content(schema = @Schema(implementation = ProfileView.class)))
  @ApiResponse(responseCode = "400", description = "The id or minVersion is invalid.")
  @ApiResponse(
      responseCode = "403",
      description = "Not the caller's profile (admins and support may read any).")
  @ApiResponse(responseCode = "404", description = "No such account.")
  @ApiResponse(
      responseCode = "409",
      description = "minVersion is beyond the account's current version: it does not exist.")
  @GET
  @PermitAll
  public Response readProfile(
      @PathParam("id") String id,
      @QueryParam("minVersion") String minVersion,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    UUID userId = parse(id);
    long min = parseMinVersion(minVersion);
    // Checked before any lookup: the answer is the same whether or not that user exists.
    if (!caller.mayRead(userId)) {
      throw BearerAuth.forbidden();
    }
    // Staff reading a customer's profile: audited before anything is disclosed.
    Acting staff = caller.userId().equals(userId) ? null : ActingCaller.of(caller, http);
    ReadProfile.Result result = profiles.read(userId, min);
    if (staff != null) {
      auditor.record(staff, AuditAction.READ_PROFILE, userId.toString(), null);
    }
    return Response.ok(Views.profile(result.profile()))
        .tag(new EntityTag(Long.toString(result.profile().version())))
        .header(SOURCE_HEADER, result.source().name().toLowerCase(Locale.ROOT))
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .build();
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("id", "must be a user id (UUID)");
    }
  }

  private static long parseMinVersion(String minVersion) {
    if (minVersion == null || minVersion.isBlank()) {
      return 0;
    }
    if (!VERSION.matcher(minVersion.strip()).matches() || Long.parseLong(minVersion.strip()) < 1) {
      throw ProblemException.validation("minVersion", "must be a version number (1 or more)");
    }
    return Long.parseLong(minVersion.strip());
  }
}
