package com.retail.identity.common.challenge;

import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import java.time.Clock;
import java.util.List;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Recent challenge traffic, shared by every instance through Redis: a leaky bucket whose content
 * leaks in proportion to itself (time constant {@value #WINDOW} seconds), so each challenge adds 1
 * and the level reads about "challenges in the last window". While Redis is down each instance
 * keeps its own meter (difficulty is an estimate, so this check always fails open).
 */
public final class TrafficMeter {
  /** Knob: the time constant of the leak, in seconds. */
  public static final String WINDOW = "identity.challenge.windowSeconds";

  private static final RedisScript ADD =
      new RedisScript(
          """
      local now = tonumber(ARGV[1])
      local tau = tonumber(ARGV[2])
      local h = redis.call('HMGET', KEYS[1], 'v', 't')
      local v = tonumber(h[1]) or 0
      local t = tonumber(h[2]) or now
      local dt = now - t
      if dt < 0 then dt = 0 end
      v = v * math.exp(-dt / tau) + 1
      redis.call('HSET', KEYS[1], 'v', tostring(v), 't', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.floor(tau * 10))
      return tostring(v)
      """);

  private final RedisConnector redis;
  private final Clock clock;
  private final DynamicIntProperty windowSeconds = Knobs.intKnob(WINDOW, 60);
  private double localLevel;
  private long localAt;

  public TrafficMeter(RedisConnector redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** Counts one visitor and returns the level after it. */
  public double add() {
    long now = clock.millis();
    double tauMillis = Math.max(1, windowSeconds.get()) * 1000.0;
    try {
      Object reply =
          ADD.run(
              redis.redis(),
              List.of(redis.key("challenge:traffic")),
              List.of(Long.toString(now), Double.toString(tauMillis)));
      return RedisScript.asDouble(reply);
    } catch (JedisException e) {
      return addLocally(now, tauMillis);
    }
  }

  private synchronized double addLocally(long now, double tauMillis) {
    long dt = Math.max(0, now - localAt);
    localLevel = localLevel * Math.exp(-dt / tauMillis) + 1;
    localAt = now;
    return localLevel;
  }
}
