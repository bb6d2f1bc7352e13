package com.retail.identity.command.core;

import com.retail.identity.command.api.SessionResponse;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.tokens.AccessTokens;
import java.util.UUID;

/** Login sessions: an access token plus a rotating refresh token of one family per login. */
public final class Sessions {
  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final Credentials credentials;

  public Sessions(AccessTokens accessTokens, RefreshTokens refreshTokens, Credentials credentials) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.credentials = credentials;
  }

  public SessionResponse start(Credentials.Credential credential) {
    UUID family = UUID.randomUUID();
    String refresh = refreshTokens.startFamily(credential.userId(), family);
    return response(credential, family, refresh);
  }

  public SessionResponse refresh(String refreshToken) {
    RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
    if (rotation instanceof RefreshTokens.Rotated rotated) {
      Credentials.Credential credential = credentials.find(rotated.userId()).orElseThrow(Sessions::invalid);
      return response(credential, rotated.familyId(), rotated.refreshToken());
    }
    throw invalid();
  }

  public void end(UUID sessionId) {
    if (sessionId != null) {
      refreshTokens.revokeFamily(sessionId);
    }
  }

  private SessionResponse response(Credentials.Credential credential, UUID family, String refresh) {
    String access = accessTokens.issue(credential.userId(), credential.roles(), family);
    return new SessionResponse(access, "Bearer", accessTokens.lifetimeSeconds(), refresh, credential.userId());
  }

  private static ProblemException invalid() {
    return new ProblemException(Problem.of("invalid-refresh-token", "Invalid refresh token", 401,
        "The refresh token is unknown, expired or revoked; log in again."));
  }
}
