package com.retail.identity.command.resources;

import com.retail.identity.command.api.LoginRequest;
import com.retail.identity.command.api.RefreshRequest;
import com.retail.identity.command.api.SessionResponse;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.TrustedProxies;
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
  private final LogIn logIn;
  private final Sessions sessions;
  private final AdmissionGate admission;
  private final TrustedProxies proxies;
  private final EmailKeys emailKeys;

  public SessionsResource(
      LogIn logIn,
      Sessions sessions,
      AdmissionGate admission,
      TrustedProxies proxies,
      EmailKeys emailKeys) {
    this.logIn = logIn;
    this.sessions = sessions;
    this.admission = admission;
    this.proxies = proxies;
    this.emailKeys = emailKeys;
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
    Origin origin = Origin.of(http, proxies);
    AdmissionDecision admitted =
        admission.decide(
            AdmissionRequest.login(
                origin.clientAddress(),
                origin.deviceId(),
                request.email(),
                origin.challengeSolution()));
    AdmissionProblems.enforce(admitted);
    LogIn.ChallengeAnswer answer =
        admitted.challengeSolved()
            ? new LogIn.ChallengeAnswer.CheckedByAdmission()
            : new LogIn.ChallengeAnswer.Offered(origin.challengeSolution());
    // The account is named by its keyed hash in the credential-stuffing signals, never by the
    // email.
    String accountKey = emailKeys.keyOf(request.email());
    try {
      Credentials.Credential credential =
          logIn.authenticate(request.email(), request.password(), answer);
      admission.recordLogin(origin.clientAddress(), accountKey, true);
      return response(sessions.start(credential));
    } catch (InvalidCredentials e) {
      admission.recordLogin(origin.clientAddress(), accountKey, false);
      throw e;
    }
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
  public Response logOut(@Auth Principal caller) {
    sessions.end(caller.sessionId());
    return Response.noContent().build();
  }
}
