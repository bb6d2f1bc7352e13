package com.retail.identity.verification.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retail.identity.common.domain.Unavailable;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.verification.core.Launches;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Launch definitions from reference data: the Redis hash {@code <keyPrefix>ref:launches}, field =
 * launch id, value = the launch's JSON as the read side's reference loader writes it ({@code
 * launchId}, {@code name}, {@code requiresVerifiedPhone}, ...) plus, for eligibility, {@code
 * minAccountAge} (ISO-8601, e.g. {@code P7D}; or {@code minAccountAgeDays}) and {@code
 * maxAccountsPerPhone}, all optional (0, the knob's default, true). Kept 10 s.
 */
public final class RedisLaunches implements Launches {
  public static final String KEY = "ref:launches";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisConnector redis;
  private final Cache<String, Launch> cache =
      Caffeine.newBuilder().maximumSize(1000).expireAfterWrite(Duration.ofSeconds(10)).build();

  public RedisLaunches(RedisConnector redis) {
    this.redis = redis;
  }

  @Override
  public Optional<Launch> find(String launchId) {
    Launch cached = cache.getIfPresent(launchId);
    if (cached != null) {
      return Optional.of(cached);
    }
    String json;
    try {
      json = redis.redis().hget(redis.key(KEY), launchId);
    } catch (JedisException e) {
      throw new Unavailable(
          "Launch definitions are briefly unavailable; retry shortly.", Duration.ofSeconds(5));
    }
    if (json == null) {
      return Optional.empty();
    }
    Launch launch = parse(launchId, json);
    cache.put(launchId, launch);
    return Optional.of(launch);
  }

  static Launch parse(String launchId, String json) {
    try {
      JsonNode node = JSON.readTree(json);
      Duration minAge = Duration.ZERO;
      if (node.hasNonNull("minAccountAge")) {
        minAge = Duration.parse(node.get("minAccountAge").asText());
      } else if (node.hasNonNull("minAccountAgeDays")) {
        minAge = Duration.ofDays(node.get("minAccountAgeDays").asLong());
      }
      Integer max =
          node.hasNonNull("maxAccountsPerPhone") ? node.get("maxAccountsPerPhone").asInt() : null;
      boolean phone =
          !node.has("requiresVerifiedPhone") || node.get("requiresVerifiedPhone").asBoolean(true);
      return new Launch(launchId, minAge, max, phone);
    } catch (Exception e) {
      throw new IllegalStateException("launch " + launchId + " in reference data is malformed", e);
    }
  }
}
