package com.retail.identity.command.store;

import com.retail.identity.command.core.AccountMailLimit;
import com.retail.identity.common.store.RedisConnector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One counter per purpose and address, {@code mail:<purpose>:<email key>}, living an hour from its
 * first message. With Redis down the limit is open (logged): the per-client-address limits of
 * admission control and the bounded delivery queue still bound what one sender can cause.
 */
public final class RedisAccountMailLimit implements AccountMailLimit {
  private static final Logger LOG = LoggerFactory.getLogger(RedisAccountMailLimit.class);
  private static final long HOUR_SECONDS = 3600;
  private final RedisConnector redis;

  public RedisAccountMailLimit(RedisConnector redis) {
    this.redis = redis;
  }

  @Override
  public boolean allowOne(String purpose, String emailKey) {
    try {
      String key = key(purpose, emailKey);
      long sent = redis.redis().incr(key);
      // NX: the hour runs from the first message, and a counter whose expiry was lost gets one.
      redis.redis().expire(key, HOUR_SECONDS, ExpiryOption.NX);
      return sent <= PER_HOUR;
    } catch (JedisException e) {
      LOG.warn("Account mail limit unavailable (Redis: {}); sending", e.getClass().getSimpleName());
      return true;
    }
  }

  @Override
  public Duration timeLeft(String purpose, String emailKey) {
    try {
      long seconds = redis.redis().ttl(key(purpose, emailKey));
      return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofSeconds(HOUR_SECONDS);
    } catch (JedisException e) {
      return Duration.ofSeconds(HOUR_SECONDS);
    }
  }

  private String key(String purpose, String emailKey) {
    return redis.key("mail:" + purpose + ":" + emailKey);
  }
}
