package com.retail.identity.command.core;

import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.TokenVerifier;
import java.util.Optional;
import java.util.UUID;

/**
 * An app hands back a token it no longer needs (RFC 7009): a refresh token or an access token ends
 * the whole session it belongs to, everywhere, as a logout does. A token that is unknown, expired
 * or already revoked changes nothing and is not told apart (the answer is the same). Access tokens
 * are read by the same verifier that authenticates every request.
 */
public final class RevokeToken {
  private final RefreshTokens refreshTokens;
  private final TokenVerifier accessTokens;
  private final SessionEnds ends;

  public RevokeToken(RefreshTokens refreshTokens, TokenVerifier accessTokens, SessionEnds ends) {
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.ends = ends;
  }

  public void revoke(String token) {
    if (token == null || token.isBlank()) {
      return;
    }
    sessionOf(token).ifPresent(ends::end);
  }

  private Optional<UUID> sessionOf(String token) {
    if (token.indexOf('.') < 0) {
      return refreshTokens.familyOf(token); // refresh tokens are opaque, access tokens are JWTs
    }
    return accessTokens.verify(token).map(Principal::sessionId);
  }
}
