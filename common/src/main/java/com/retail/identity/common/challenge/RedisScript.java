package com.retail.identity.common.challenge;

import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with EVALSHA, loaded on first use and again whenever Redis has forgotten it (a
 * restart or SCRIPT FLUSH answers NOSCRIPT).
 */
public final class RedisScript {
  private final String source;
  private volatile String sha;

  public RedisScript(String source) {
    this.source = source;
  }

  public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    String current = sha;
    if (current == null) {
      current = load(redis);
    }
    try {
      return redis.evalsha(current, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.evalsha(load(redis), keys, args);
    }
  }

  private String load(UnifiedJedis redis) {
    String loaded = redis.scriptLoad(source);
    sha = loaded;
    return loaded;
  }

  /** A Lua reply element as a long (integers come back as Long, strings as String). */
  public static long asLong(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof byte[] bytes) {
      return Long.parseLong(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
    return value == null ? 0 : Long.parseLong(value.toString());
  }

  public static double asDouble(Object value) {
    if (value instanceof byte[] bytes) {
      return Double.parseDouble(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
    return value == null ? 0 : Double.parseDouble(value.toString());
  }

  public static String asString(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    return value == null ? null : value.toString();
  }
}
