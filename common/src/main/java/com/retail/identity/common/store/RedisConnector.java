package com.retail.identity.common.store;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A pooled Redis client; broken connections are replaced, so Redis coming back needs no restart.
 */
public final class RedisConnector implements Managed {
  private final JedisPooled redis;
  private final String keyPrefix;

  public RedisConnector(RedisSettings settings) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(settings.getMaxConnections());
    pool.setMaxIdle(settings.getMaxConnections());
    pool.setMaxWait(Duration.ofMillis(settings.getTimeoutMillis()));
    pool.setTestOnBorrow(false);
    this.redis =
        new JedisPooled(
            pool,
            new HostAndPort(settings.getHost(), settings.getPort()),
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.getTimeoutMillis())
                .socketTimeoutMillis(settings.getTimeoutMillis())
                .build());
    this.keyPrefix = settings.getKeyPrefix();
  }

  public JedisPooled redis() {
    return redis;
  }

  /** The full key for a platform key name, e.g. {@code key("ref:countries")}. */
  public String key(String name) {
    return keyPrefix + name;
  }

  @Override
  public void stop() {
    redis.close();
  }
}
