package com.retail.identity.command.store;

import com.retail.identity.command.core.LoginThrottle;
import com.retail.identity.common.store.RedisConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Failure counters in Redis: {@code login:fail:<key>} (consecutive failures, kept 30 days) and
 * {@code login:next:<key>} (epoch millis before which no guess is checked). When Redis is down the
 * throttle fails open (logins keep working; the per-address limits and the hash cost still bound
 * guessing) and says so in the log once a minute at most.
 */
public final class RedisLoginThrottle implements LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLoginThrottle.class);
  private static final long KEEP_SECONDS = Duration.ofDays(30).toSeconds();
  private final RedisConnector redis;
  private final Clock clock;
  private volatile long lastWarning;

  public RedisLoginThrottle(RedisConnector redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** One round trip for both counters. */
  @Override
  public Standing standing(String emailKey) {
    try {
      List<String> values =
          redis
              .redis()
              .mget(redis.key("login:next:" + emailKey), redis.key("login:fail:" + emailKey));
      String next = values.get(0);
      long waitMillis = next == null ? 0 : Long.parseLong(next) - clock.millis();
      long failures = values.get(1) == null ? 0 : Long.parseLong(values.get(1));
      return new Standing(
          waitMillis > 0 ? Optional.of(Duration.ofMillis(waitMillis)) : Optional.empty(), failures);
    } catch (JedisException e) {
      warn(e);
      return Standing.CLEAR;
    }
  }

  @Override
  public void failed(String emailKey) {
    try {
      String failKey = redis.key("login:fail:" + emailKey);
      long failures = redis.redis().incr(failKey);
      redis.redis().expire(failKey, KEEP_SECONDS);
      Duration wait = LoginThrottle.waitAfter((int) Math.min(failures, Integer.MAX_VALUE));
      if (!wait.isZero()) {
        redis
            .redis()
            .setex(
                redis.key("login:next:" + emailKey),
                Math.max(1, wait.toSeconds() + 1),
                Long.toString(clock.millis() + wait.toMillis()));
      }
    } catch (JedisException e) {
      warn(e);
    }
  }

  @Override
  public void succeeded(String emailKey) {
    try {
      redis.redis().del(redis.key("login:fail:" + emailKey), redis.key("login:next:" + emailKey));
    } catch (JedisException e) {
      warn(e);
    }
  }

  private void warn(JedisException e) {
    long now = clock.millis();
    if (now - lastWarning > 60_000) {
      lastWarning = now;
      LOG.warn("Login throttle unavailable, failing open: {}", e.getMessage());
    }
  }
}
