package com.retail.identity.common.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.retail.identity.common.discovery.ExpiringValue;
import com.retail.identity.common.discovery.HttpResult;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import com.retail.identity.common.discovery.ServiceClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's public keys, fetched from user-command's JWKS through Ribbon + Hystrix and kept for
 * a while. When user-command cannot be reached, the last keys fetched keep verifying tokens.
 */
public final class RemoteJwks implements Supplier<JWKSet> {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
  public static final String PATH = "/.well-known/jwks.json";
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

  private final ServiceClient issuer;
  private final Duration maxAge;
  private final Clock clock;
  private final ExpiringValue<JWKSet> keys;

  public RemoteJwks(ServiceClient issuer, Duration maxAge, Clock clock) {
    this.issuer = issuer;
    this.maxAge = maxAge;
    this.clock = clock;
    this.keys = new ExpiringValue<>(clock);
  }

  @Override
  public JWKSet get() {
    return keys.get(this::fetch);
  }

  private ExpiringValue.Fetched<JWKSet> fetch(JWKSet stale) {
    HttpResult result = issuer.getJson("jwks", PATH, Map.of(), () -> null);
    if (result != null && result.isSuccess()) {
      try {
        return new ExpiringValue.Fetched<>(
            JWKSet.parse(result.body()), clock.instant().plus(maxAge));
      } catch (ParseException e) {
        LOG.warn("JWKS from {} is not a JWK set", result.server());
      }
    }
    if (stale == null) {
      throw new RemoteServiceUnavailable(
          "user-command", "jwks", "the token issuer's keys are not available yet", null);
    }
    // Keep verifying with the keys we have; try again after a short pause, not on every request.
    return new ExpiringValue.Fetched<>(stale, clock.instant().plus(RETRY_AFTER_FAILURE));
  }
}
