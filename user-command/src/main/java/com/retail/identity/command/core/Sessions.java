package com.retail.identity.command.core;

import com.retail.identity.common.tokens.AccessTokens;
import java.util.UUID;

/** Login sessions: an access token plus a rotating refresh token of one family per login. */
public final class Sessions {
  /**
   * A started or refreshed session: a bearer access token and the refresh token that renews it;
   * {@code scope} is what the customer granted the app (null for the JSON login).
   */
  public record Session(
      String accessToken, int expiresInSeconds, String refreshToken, UUID userId, String scope) {
    @Override
    public String toString() {
      return "Session[userId=" + userId + "]";
    }
  }

  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final Credentials credentials;
  private final SessionEnds ends;

  public Sessions(
      AccessTokens accessTokens,
      RefreshTokens refreshTokens,
      Credentials credentials,
      SessionEnds ends) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.credentials = credentials;
    this.ends = ends;
  }

  /** A JSON login's session. */
  public Session start(Credentials.Credential credential) {
    UUID family = UUID.randomUUID();
    return session(
        credential, family, refreshTokens.startFamily(credential.userId(), family), null);
  }

  /**
   * A session the app {@code clientId} started through OpenID Connect: its family id was chosen
   * when the code was issued (so a replayed code can end it), its tokens carry the scope the
   * customer granted, and they refresh only for that app.
   */
  public Session start(
      Credentials.Credential credential, UUID family, String scope, String clientId) {
    String refresh = refreshTokens.startFamily(credential.userId(), family, scope, clientId);
    return session(credential, family, refresh, scope);
  }

  /** A JSON login's refresh. */
  public Session refresh(String refreshToken) {
    return refresh(refreshToken, null);
  }

  /** A refresh for the app {@code clientId} (null: the JSON login); another's token is refused. */
  public Session refresh(String refreshToken, String clientId) {
    RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken, clientId);
    if (rotation instanceof RefreshTokens.Rotated rotated) {
      Credentials.Credential credential =
          credentials.find(rotated.userId()).orElseThrow(InvalidRefreshToken::new);
      return session(credential, rotated.familyId(), rotated.refreshToken(), rotated.scope());
    }
    throw new InvalidRefreshToken();
  }

  public void end(UUID sessionId) {
    if (sessionId != null) {
      ends.end(sessionId);
    }
  }

  private Session session(
      Credentials.Credential credential, UUID family, String refresh, String scope) {
    String access =
        accessTokens.issue(
            credential.userId(), credential.roles(), family, accessTokens.lifetimeSeconds(), scope);
    return new Session(access, accessTokens.lifetimeSeconds(), refresh, credential.userId(), scope);
  }
}
