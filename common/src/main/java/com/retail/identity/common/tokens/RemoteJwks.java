package com.retail.identity.common.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.retail.identity.common.discovery.HttpResult;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import com.retail.identity.common.discovery.ServiceClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's public keys, fetched from user-command's JWKS through Ribbon + Hystrix and kept
 * for a while. When user-command cannot be reached, the last keys fetched keep verifying tokens.
 */
public final class RemoteJwks implements Supplier<JWKSet> {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
  public static final String PATH = "/.well-known/jwks.json";

  private final ServiceClient issuer;
  private final Duration maxAge;
  private final Clock clock;
  private volatile JWKSet keys;
  private volatile Instant fetchedAt = Instant.EPOCH;

  public RemoteJwks(ServiceClient issuer, Duration maxAge, Clock clock) {
    this.issuer = issuer;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  public JWKSet get() {
    JWKSet current = keys;
    if (current != null && clock.instant().isBefore(fetchedAt.plus(maxAge))) {
      return current;
    }
    return refresh();
  }

  private synchronized JWKSet refresh() {
    if (keys != null && clock.instant().isBefore(fetchedAt.plus(maxAge))) {
      return keys;
    }
    HttpResult result = issuer.getJson("jwks", PATH, Map.of(), () -> null);
    if (result != null && result.isSuccess()) {
      try {
        keys = JWKSet.parse(result.body());
        fetchedAt = clock.instant();
        return keys;
      } catch (ParseException e) {
        LOG.warn("JWKS from {} is not a JWK set", result.server());
      }
    }
    if (keys == null) {
      throw new RemoteServiceUnavailable("user-command", "jwks", "the token issuer's keys are not available yet", null);
    }
    // Keep verifying with the keys we have; try again after a short pause, not on every request.
    fetchedAt = clock.instant().minus(maxAge).plusSeconds(5);
    return keys;
  }
}
