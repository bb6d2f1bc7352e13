package com.retail.identity.command.resources;

import com.retail.identity.command.api.LoginRequest;
import com.retail.identity.command.api.RefreshRequest;
import com.retail.identity.command.api.SessionResponse;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.common.tokens.BearerAuthenticator;
import com.retail.identity.common.tokens.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
  private final LogIn logIn;
  private final Sessions sessions;
  private final BearerAuthenticator authenticator;

  public SessionsResource(LogIn logIn, Sessions sessions, BearerAuthenticator authenticator) {
    this.logIn = logIn;
    this.sessions = sessions;
    this.authenticator = authenticator;
  }

  @POST
  public SessionResponse logIn(@NotNull @Valid LoginRequest request) {
    return sessions.start(logIn.authenticate(request.email(), request.password()));
  }

  @POST
  @Path("/refresh")
  public SessionResponse refresh(@NotNull @Valid RefreshRequest request) {
    return sessions.refresh(request.refreshToken());
  }

  /** Logout: the session's refresh-token family is revoked; the access token simply expires. */
  @DELETE
  @Path("/current")
  public Response logOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Principal caller = authenticator.authenticate(authorization);
    sessions.end(caller.sessionId());
    return Response.noContent().build();
  }
}
