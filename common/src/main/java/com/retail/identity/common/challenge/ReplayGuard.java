package com.retail.identity.common.challenge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retail.identity.common.store.RedisConnector;
import java.time.Duration;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Remembers used challenge solutions until they expire, so each is accepted once: a Redis {@code
 * SET NX PX} shared by every instance. While Redis is down the knob {@value #ON_REDIS_DOWN}
 * decides: {@code open} (default) remembers them in this instance only (a solution could then be
 * replayed once on each other instance before it expires), {@code closed} accepts none.
 */
public final class ReplayGuard {
  public static final String ON_REDIS_DOWN = "identity.challenge.onRedisDown";

  /** The outcome of claiming a solution. */
  public enum Claim {
    FIRST_USE,
    REPLAYED,
    UNAVAILABLE
  }

  private final RedisConnector redis;
  private final OnRedisDown.Knob mode = OnRedisDown.knob(ON_REDIS_DOWN, OnRedisDown.OPEN);
  private final Cache<String, Boolean> local =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofHours(1)).build();

  public ReplayGuard(RedisConnector redis) {
    this.redis = redis;
  }

  /** Claims {@code id} (a digest of the solved challenge) for {@code ttlMillis}. */
  public Claim claim(String id, long ttlMillis) {
    long ttl = Math.max(1000, ttlMillis);
    try {
      String reply =
          redis
              .redis()
              .set(redis.key("challenge:used:" + id), "1", SetParams.setParams().nx().px(ttl));
      if (!"OK".equals(reply)) {
        return Claim.REPLAYED;
      }
      local.put(id, Boolean.TRUE); // also known here, in case Redis goes away before it expires
      return Claim.FIRST_USE;
    } catch (JedisException e) {
      if (mode.get() == OnRedisDown.CLOSED) {
        return Claim.UNAVAILABLE;
      }
      return local.asMap().putIfAbsent(id, Boolean.TRUE) == null ? Claim.FIRST_USE : Claim.REPLAYED;
    }
  }
}
