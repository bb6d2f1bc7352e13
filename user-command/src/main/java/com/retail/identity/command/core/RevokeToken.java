package com.retail.identity.command.core;

import com.nimbusds.jose.JOSEObjectType;
import com.retail.identity.common.tokens.SignedJwts;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An app hands back a token it no longer needs (RFC 7009): a refresh token or an access token ends
 * the whole session it belongs to, everywhere, as a logout does. A token that is unknown, expired
 * or already revoked changes nothing and is not told apart (the answer is the same).
 */
public final class RevokeToken {
  private final RefreshTokens refreshTokens;
  private final SignedJwts jwts;
  private final String issuer;
  private final SessionEnds ends;

  public RevokeToken(
      RefreshTokens refreshTokens, SignedJwts jwts, String issuer, SessionEnds ends) {
    this.refreshTokens = refreshTokens;
    this.jwts = jwts;
    this.issuer = issuer;
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
    return jwts.read(
            token, JOSEObjectType.JWT, issuer, Set.of("sid", "roles"), SignedJwts.Expiry.ENFORCED)
        .flatMap(
            claims -> {
              Object sid = claims.getClaim("sid");
              try {
                return Optional.of(UUID.fromString(String.valueOf(sid)));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }
}
