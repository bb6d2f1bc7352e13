package com.retail.identity.command.core;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.retail.identity.common.tokens.SignedJwts;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OpenID Connect ID tokens: who signed in, when, for which app, and the app's nonce, signed like
 * the access tokens (ES256, keys at the JWKS endpoint). They carry no email or name: an app reads
 * those at the userinfo endpoint, within the scopes the customer granted.
 */
public final class IdTokens {
  /** The session an ID token names, read back from a logout request's {@code id_token_hint}. */
  public record Hint(UUID userId, String clientId, UUID sessionId) {}

  private final SignedJwts jwts;
  private final String issuer;
  private final int lifetimeSeconds;
  private final Clock clock;

  public IdTokens(SignedJwts jwts, String issuer, int lifetimeSeconds, Clock clock) {
    this.jwts = jwts;
    this.issuer = issuer;
    this.lifetimeSeconds = lifetimeSeconds;
    this.clock = clock;
  }

  public String issue(AuthorizationCodes.Grant grant) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(grant.userId().toString())
            .audience(grant.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
            .claim("auth_time", grant.authTime().getEpochSecond())
            .claim("nonce", grant.nonce())
            .claim("sid", grant.sessionId().toString())
            .claim("acr", grant.acr())
            .build();
    return jwts.sign(JOSEObjectType.JWT, claims);
  }

  /**
   * The session of an ID token we issued, expired or not (an app signs a customer out long after
   * the token's hour); empty for anything else.
   */
  public Optional<Hint> readHint(String idToken) {
    return jwts.read(
            idToken,
            JOSEObjectType.JWT,
            issuer,
            Set.of("sub", "aud", "sid", "auth_time"),
            SignedJwts.Expiry.IGNORED)
        .flatMap(IdTokens::hint);
  }

  private static Optional<Hint> hint(JWTClaimsSet claims) {
    try {
      return Optional.of(
          new Hint(
              UUID.fromString(claims.getSubject()),
              claims.getAudience().get(0),
              UUID.fromString(claims.getStringClaim("sid"))));
    } catch (ParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
