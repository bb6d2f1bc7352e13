package com.retail.identity.command.resources;

import com.retail.identity.command.api.LoginRequest;
import com.retail.identity.command.api.SessionResponse;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.common.tokens.AccessTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
  private final LogIn logIn;
  private final AccessTokens tokens;

  public SessionsResource(LogIn logIn, AccessTokens tokens) {
    this.logIn = logIn;
    this.tokens = tokens;
  }

  @POST
  public SessionResponse logIn(@NotNull @Valid LoginRequest request) {
    Credentials.Credential credential = logIn.authenticate(request.email(), request.password());
    String accessToken = tokens.issue(credential.userId(), credential.roles());
    return new SessionResponse(accessToken, "Bearer", tokens.lifetimeSeconds(), null, credential.userId());
  }
}
