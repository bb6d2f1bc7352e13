package com.retail.identity.query.resources;

import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.tokens.BearerAuthenticator;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.query.api.ProfileView;
import com.retail.identity.query.core.ProfileFolder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/v1/users/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileResource {
  private final BearerAuthenticator authenticator;
  private final EventStore events;
  private final ProfileFolder folder;

  public ProfileResource(BearerAuthenticator authenticator, EventStore events, ProfileFolder folder) {
    this.authenticator = authenticator;
    this.events = events;
    this.folder = folder;
  }

  @GET
  public ProfileView read(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Principal caller = authenticator.authenticate(authorization);
    UUID userId = parse(id);
    if (!caller.mayActOn(userId)) {
      throw BearerAuthenticator.forbidden();
    }
    return folder.fold(events.readStream(userId))
        .orElseThrow(() -> ProblemException.notFound("No such user."));
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.validation("id", "must be a user id (UUID)");
    }
  }
}
