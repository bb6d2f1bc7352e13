package com.retail.identity.command.store;

import com.retail.identity.command.core.admission.AdmissionCounters;
import com.retail.identity.command.core.admission.Bucket;
import com.retail.identity.command.core.admission.DisposableListing;
import com.retail.identity.command.core.admission.LoginSignals;
import com.retail.identity.common.challenge.RedisScript;
import com.retail.identity.common.store.RedisConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Admission state in Redis, each decision one Lua script (ADR 0202). Keys, after the key prefix:
 *
 * <ul>
 *   <li>{@code adm:b:<register|login>:<a|s|d|m>:<address|subnet|device pseudonym|domain>}: a token
 *       bucket (hash {@code t} tokens, {@code ts} last refill), kept until it would be full again;
 *   <li>{@value #DISPOSABLE_DOMAINS}: the disposable-domain reference SET (one lower-case ASCII
 *       domain per member), written by the read side's reference-data loader;
 *   <li>{@code adm:sig:<address>:<window>}: login attempts {@code a} and failures {@code f} (hash),
 *       and {@code adm:acc:<address>:<window>}: the accounts tried (HyperLogLog), kept two windows.
 * </ul>
 */
public final class RedisAdmissionCounters implements AdmissionCounters {
  /** The disposable-domain reference SET, after the key prefix. */
  public static final String DISPOSABLE_DOMAINS = "ref:disposable-email-domains";

  private static final RedisScript TAKE_AND_READ =
      new RedisScript(
          """
      local now = tonumber(ARGV[1])
      local n = tonumber(ARGV[2])
      local limited, wait = 0, 0
      local levels = {}
      for i = 1, n do
        local burst = tonumber(ARGV[1 + 2 * i])
        local perMs = tonumber(ARGV[2 + 2 * i]) / 60000
        local h = redis.call('HMGET', KEYS[i], 't', 'ts')
        local tokens = tonumber(h[1]) or burst
        local ts = tonumber(h[2]) or now
        local dt = now - ts
        if dt < 0 then dt = 0 end
        tokens = math.min(burst, tokens + dt * perMs)
        levels[i] = tokens
        if tokens < 1 then
          if limited == 0 then limited = i end
          local w = math.ceil((1 - tokens) / perMs)
          if w > wait then wait = w end
        end
      end
      if limited == 0 then
        for i = 1, n do
          local burst = tonumber(ARGV[1 + 2 * i])
          local perMs = tonumber(ARGV[2 + 2 * i]) / 60000
          redis.call('HSET', KEYS[i], 't', tostring(levels[i] - 1), 'ts', tostring(now))
          redis.call('PEXPIRE', KEYS[i], math.ceil(burst / perMs) + 1000)
        end
      end
      local disposable = 0
      local m = tonumber(ARGV[3 + 2 * n])
      if m > 0 then
        if redis.call('SCARD', KEYS[n + 1]) == 0 then
          disposable = -1
        else
          for j = 1, m do
            if redis.call('SISMEMBER', KEYS[n + 1], ARGV[3 + 2 * n + j]) == 1 then disposable = 1 end
          end
        end
      end
      local cur = redis.call('HMGET', KEYS[n + 2], 'a', 'f')
      local prev = redis.call('HMGET', KEYS[n + 3], 'a', 'f')
      local attempts = (tonumber(cur[1]) or 0) + (tonumber(prev[1]) or 0)
      local failures = (tonumber(cur[2]) or 0) + (tonumber(prev[2]) or 0)
      local accounts = redis.call('PFCOUNT', KEYS[n + 4], KEYS[n + 5])
      return {limited, wait, disposable, attempts, failures, accounts}
      """);

  private static final RedisScript RECORD_LOGIN =
      new RedisScript(
          """
      redis.call('HINCRBY', KEYS[1], 'a', 1)
      if ARGV[1] == '0' then redis.call('HINCRBY', KEYS[1], 'f', 1) end
      if ARGV[2] ~= '' then redis.call('PFADD', KEYS[2], ARGV[2]) end
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      return 1
      """);

  private final RedisConnector redis;

  public RedisAdmissionCounters(RedisConnector redis) {
    this.redis = redis;
  }

  @Override
  public Reading takeTokensAndRead(
      List<Bucket> buckets,
      List<String> domainCandidates,
      String address,
      long window,
      long nowMillis) {
    List<String> keys = new ArrayList<>(buckets.size() + 5);
    List<String> args = new ArrayList<>(2 + 2 * buckets.size() + 1 + domainCandidates.size());
    args.add(Long.toString(nowMillis));
    args.add(Integer.toString(buckets.size()));
    for (Bucket bucket : buckets) {
      keys.add(bucketKey(bucket));
      args.add(Integer.toString(bucket.limit().burst()));
      args.add(Integer.toString(bucket.limit().perMinute()));
    }
    keys.add(redis.key(DISPOSABLE_DOMAINS));
    keys.add(signalKey(address, window));
    keys.add(signalKey(address, window - 1));
    keys.add(accountsKey(address, window));
    keys.add(accountsKey(address, window - 1));
    args.add(Integer.toString(domainCandidates.size()));
    args.addAll(domainCandidates);
    List<?> reply;
    try {
      reply = (List<?>) TAKE_AND_READ.run(redis.redis(), keys, args);
    } catch (JedisException e) {
      throw new CountersUnavailable(e);
    }
    long limited = RedisScript.asLong(reply.get(0));
    long listed = RedisScript.asLong(reply.get(2));
    return new Reading(
        limited > 0 ? Optional.of(buckets.get((int) limited - 1)) : Optional.empty(),
        RedisScript.asLong(reply.get(1)),
        listed < 0
            ? DisposableListing.NO_LIST
            : listed == 1 ? DisposableListing.LISTED : DisposableListing.NOT_LISTED,
        LoginSignals.of(
            RedisScript.asLong(reply.get(3)),
            RedisScript.asLong(reply.get(4)),
            RedisScript.asLong(reply.get(5))));
  }

  @Override
  public void recordLogin(
      String address, String accountPseudonym, boolean success, long window, Duration keep) {
    try {
      RECORD_LOGIN.run(
          redis.redis(),
          List.of(signalKey(address, window), accountsKey(address, window)),
          List.of(
              success ? "1" : "0",
              accountPseudonym == null ? "" : accountPseudonym,
              Long.toString(keep.toMillis())));
    } catch (JedisException e) {
      throw new CountersUnavailable(e);
    }
  }

  private String bucketKey(Bucket bucket) {
    String kind =
        switch (bucket.kind()) {
          case ADDRESS -> "a";
          case SUBNET -> "s";
          case DEVICE -> "d";
          case DOMAIN -> "m";
        };
    return redis.key("adm:b:" + bucket.action().slug() + ":" + kind + ":" + bucket.subject());
  }

  private String signalKey(String address, long window) {
    return redis.key("adm:sig:" + address + ":" + window);
  }

  private String accountsKey(String address, long window) {
    return redis.key("adm:acc:" + address + ":" + window);
  }
}
