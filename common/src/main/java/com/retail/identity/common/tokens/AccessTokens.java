package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issues signed access tokens (ES256 JWTs). */
public final class AccessTokens {
  private final SignedJwts jwts;
  private final TokenSettings settings;
  private final Clock clock;

  public AccessTokens(SigningKeys keys, TokenSettings settings, Clock clock) {
    this.jwts = new SignedJwts(keys, clock);
    this.settings = settings;
    this.clock = clock;
  }

  public String issue(UUID subject, Set<String> roles) {
    return issue(subject, roles, null);
  }

  /**
   * A token of one login session: {@code sid} names its refresh-token family, so logout can end it.
   */
  public String issue(UUID subject, Set<String> roles, UUID sessionId) {
    return issue(subject, roles, sessionId, settings.getAccessTokenSeconds());
  }

  public String issue(UUID subject, Set<String> roles, UUID sessionId, int lifetimeSeconds) {
    return issue(subject, roles, sessionId, lifetimeSeconds, null);
  }

  /**
   * A token of a session an app started through OpenID Connect: {@code scope} (space-separated,
   * null for none) names what the customer let the app read at the userinfo endpoint.
   */
  public String issue(
      UUID subject, Set<String> roles, UUID sessionId, int lifetimeSeconds, String scope) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.getIssuer())
            .audience(settings.getAudience())
            .subject(subject.toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", List.copyOf(roles))
            .claim("sid", sessionId == null ? null : sessionId.toString())
            .claim("scope", scope)
            .build();
    return jwts.sign(JOSEObjectType.JWT, claims);
  }

  public int lifetimeSeconds() {
    return settings.getAccessTokenSeconds();
  }
}
