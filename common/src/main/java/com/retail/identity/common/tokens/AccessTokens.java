package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issues signed access tokens (ES256 JWTs). */
public final class AccessTokens {
  private final SigningKeys keys;
  private final TokenSettings settings;
  private final Clock clock;

  public AccessTokens(SigningKeys keys, TokenSettings settings, Clock clock) {
    this.keys = keys;
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
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(keys.active().getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(TokenCrypto.signer(keys.active()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
  }

  public int lifetimeSeconds() {
    return settings.getAccessTokenSeconds();
  }
}
