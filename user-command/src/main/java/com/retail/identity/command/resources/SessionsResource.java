package com.retail.identity.command.resources;

import com.retail.identity.command.api.LoginRequest;
import com.retail.identity.command.api.RefreshRequest;
import com.retail.identity.command.api.SessionResponse;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
  private final PasswordSignIn signIn;
  private final Sessions sessions;
  private final TrustedProxies proxies;

  public SessionsResource(PasswordSignIn signIn, Sessions sessions, TrustedProxies proxies) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.proxies = proxies;
  }

  @ApiResponse(
      responseCode = "200",
      description = "Logged in: an access token and a refresh token.",
      content = @Content(schema = @Schema(implementation = SessionResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(responseCode = "401", description = "The email or password is incorrect.")
  @ApiResponse(
      responseCode = "403",
      description = "A proof-of-work challenge must be solved first (challenge in the body).")
  @ApiResponse(
      responseCode = "429",
      description = "Too many attempts; Retry-After says when to retry.")
  @POST
  @PublicEndpoint("the email and password are the credentials")
  public SessionResponse logIn(
      @NotNull @Valid LoginRequest request, @Context HttpServletRequest http) {
    Credentials.Credential credential =
        signIn.signIn(request.email(), request.password(), Origin.of(http, proxies));
    return response(sessions.start(credential));
  }

  @ApiResponse(
      responseCode = "200",
      description = "A new access token and the next refresh token (the one sent is spent).",
      content = @Content(schema = @Schema(implementation = SessionResponse.class)))
  @ApiResponse(responseCode = "400", description = "A field is invalid.")
  @ApiResponse(
      responseCode = "401",
      description = "The refresh token is unknown, expired, spent or revoked.")
  @POST
  @Path("/refresh")
  @PublicEndpoint(
      "the refresh token in the body is the credential; the access token may have expired")
  public SessionResponse refresh(@NotNull @Valid RefreshRequest request) {
    return response(sessions.refresh(request.refreshToken()));
  }

  private static SessionResponse response(Sessions.Session session) {
    return new SessionResponse(
        session.accessToken(),
        "Bearer",
        session.expiresInSeconds(),
        session.refreshToken(),
        session.userId());
  }

  /** Logout: the session's refresh-token family is revoked; the access token simply expires. */
  @ApiResponse(responseCode = "204", description = "The session and its refresh tokens end.")
  @DELETE
  @Path("/current")
  @PermitAll
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  public Response logOut(@Auth Principal caller) {
    sessions.end(caller.sessionId());
    return Response.noContent().build();
  }
}
