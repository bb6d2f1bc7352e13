package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
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
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.getIssuer())
        .audience(settings.getAudience())
        .subject(subject.toString())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(settings.getAccessTokenSeconds())))
        .jwtID(UUID.randomUUID().toString())
        .claim("roles", List.copyOf(roles))
        .build();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
        .keyID(keys.active().getKeyID())
        .type(JOSEObjectType.JWT)
        .build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new ECDSASigner(keys.active()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
  }

  public int lifetimeSeconds() {
    return settings.getAccessTokenSeconds();
  }
}
