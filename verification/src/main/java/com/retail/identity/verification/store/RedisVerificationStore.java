package com.retail.identity.verification.store;

import com.retail.identity.common.challenge.RedisScript;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.verification.core.VerificationStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Pending verifications in Redis. Each decision is one Lua script, so concurrent requests cannot
 * both pass a limit or both use a code. Keys (after the key prefix), all with TTLs:
 *
 * <ul>
 *   <li>{@code otp:v:<id>} hash: user, phoneHash, phone (sealed), region, state, failures, code
 *       (keyed hash), expires, lastSent, sends; lives {@code codes.attemptWindow}
 *   <li>{@code otp:active:<user>:<phoneHash>} the pending verification of that user and phone
 *   <li>{@code otp:cool:<phoneHash>} resend cooldown of a phone (all users)
 *   <li>{@code otp:cap:p:<phoneHash>:<day>}, {@code otp:cap:u:<user>:<day>} daily counts
 *   <li>{@code otp:budget:<region>}, {@code otp:global} token buckets (country budget, global
 *       brake)
 * </ul>
 *
 * The scripts build keys from the prefix, so this needs a single Redis (primary + replicas), not
 * Redis Cluster.
 */
public final class RedisVerificationStore implements VerificationStore {
  /** Lua: the level of a token bucket at {@code now} (refilled since its last spend). */
  private static final String LEVEL =
      """
      local function level(key, burst, rate, now)
        local h = redis.call('HMGET', key, 't', 'ts')
        local perMs = rate / 60000
        local tokens = tonumber(h[1]) or burst
        local ts = tonumber(h[2]) or now
        local dt = now - ts
        if dt < 0 then dt = 0 end
        return math.min(burst, tokens + dt * perMs), perMs
      end
      """;

  private static final RedisScript START =
      new RedisScript(
          LEVEL
              + """
      local p = ARGV[1]
      local user, ph, sealed, region, newId, codeHash = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
      local now, ttl, cooldown, window = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
      local maxAttempts, perPhone, perUser = tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14])
      local day, dayLeft = ARGV[15], tonumber(ARGV[16])
      local cBurst, cRate, gBurst, gRate = tonumber(ARGV[17]), tonumber(ARGV[18]), tonumber(ARGV[19]), tonumber(ARGV[20])
      local brake = ARGV[21]

      local activeKey = p .. 'otp:active:' .. user .. ':' .. ph
      local id = redis.call('GET', activeKey)
      local fresh = true
      local rec
      if id then
        rec = p .. 'otp:v:' .. id
        local h = redis.call('HMGET', rec, 'state', 'failures', 'lastSent')
        if h[1] == 'pending' then
          fresh = false
          if tonumber(h[2] or '0') >= maxAttempts then
            return {'LOCKED', id, redis.call('PTTL', rec)}
          end
          local since = now - tonumber(h[3] or '0')
          if since < cooldown then return {'COOLDOWN', id, cooldown - since} end
        end
      end
      if fresh then
        id = newId
        rec = p .. 'otp:v:' .. id
      end
      local coolKey = p .. 'otp:cool:' .. ph
      local coolLeft = redis.call('PTTL', coolKey)
      if coolLeft > 0 then return {'COOLDOWN', id, coolLeft} end
      local capPhone = p .. 'otp:cap:p:' .. ph .. ':' .. day
      local capUser = p .. 'otp:cap:u:' .. user .. ':' .. day
      if tonumber(redis.call('GET', capPhone) or '0') >= perPhone then return {'CAP_PHONE', id, dayLeft} end
      if tonumber(redis.call('GET', capUser) or '0') >= perUser then return {'CAP_USER', id, dayLeft} end
      if brake == '1' then return {'BRAKE', id, 60000} end

      local countryKey = p .. 'otp:budget:' .. region
      local globalKey = p .. 'otp:global'
      local ct, cpm, gt, gpm
      -- a budget of 0 stops that destination (or, for the global bucket, every send)
      if cBurst <= 0 or cRate <= 0 then return {'COUNTRY_BUDGET', id, 60000} end
      if gBurst <= 0 or gRate <= 0 then return {'BRAKE', id, 60000} end
      ct, cpm = level(countryKey, cBurst, cRate, now)
      if ct < 1 then return {'COUNTRY_BUDGET', id, math.ceil((1 - ct) / cpm)} end
      gt, gpm = level(globalKey, gBurst, gRate, now)
      if gt < 1 then return {'BRAKE', id, math.ceil((1 - gt) / gpm)} end

      redis.call('HSET', countryKey, 't', tostring(ct - 1), 'ts', tostring(now))
      redis.call('PEXPIRE', countryKey, math.ceil(cBurst / cpm) + 1000)
      redis.call('HSET', globalKey, 't', tostring(gt - 1), 'ts', tostring(now))
      redis.call('PEXPIRE', globalKey, math.ceil(gBurst / gpm) + 1000)
      redis.call('INCR', capPhone)
      redis.call('PEXPIRE', capPhone, dayLeft + 3600000)
      redis.call('INCR', capUser)
      redis.call('PEXPIRE', capUser, dayLeft + 3600000)
      if cooldown > 0 then redis.call('SET', coolKey, '1', 'PX', cooldown) end
      if fresh then
        redis.call('DEL', rec)
        redis.call('HSET', rec, 'user', user, 'phoneHash', ph, 'phone', sealed, 'region', region,
          'state', 'pending', 'failures', '0', 'created', tostring(now))
        redis.call('PEXPIRE', rec, window)
        redis.call('SET', activeKey, id, 'PX', window)
      end
      local expiresAt = now + ttl
      redis.call('HSET', rec, 'code', codeHash, 'expires', tostring(expiresAt), 'lastSent', tostring(now))
      redis.call('HINCRBY', rec, 'sends', 1)
      if redis.call('PTTL', rec) < ttl then
        redis.call('PEXPIRE', rec, ttl)
        redis.call('PEXPIRE', activeKey, ttl)
      end
      return {'SENT', id, expiresAt}
      """);

  /** One send out of the country budget and the global brake, for a message that is not a code. */
  private static final RedisScript SPEND_BUDGET =
      new RedisScript(
          LEVEL
              + """
      local p, region, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
      local cBurst, cRate, gBurst, gRate = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
      if ARGV[8] == '1' then return {'BRAKE', 60000} end
      if cBurst <= 0 or cRate <= 0 then return {'COUNTRY_BUDGET', 60000} end
      if gBurst <= 0 or gRate <= 0 then return {'BRAKE', 60000} end
      local countryKey = p .. 'otp:budget:' .. region
      local globalKey = p .. 'otp:global'
      local ct, cpm = level(countryKey, cBurst, cRate, now)
      if ct < 1 then return {'COUNTRY_BUDGET', math.ceil((1 - ct) / cpm)} end
      local gt, gpm = level(globalKey, gBurst, gRate, now)
      if gt < 1 then return {'BRAKE', math.ceil((1 - gt) / gpm)} end
      redis.call('HSET', countryKey, 't', tostring(ct - 1), 'ts', tostring(now))
      redis.call('PEXPIRE', countryKey, math.ceil(cBurst / cpm) + 1000)
      redis.call('HSET', globalKey, 't', tostring(gt - 1), 'ts', tostring(now))
      redis.call('PEXPIRE', globalKey, math.ceil(gBurst / gpm) + 1000)
      return {'SENT', 0}
      """);

  private static final RedisScript UNSEND =
      new RedisScript(
          """
      local rec = ARGV[1] .. 'otp:v:' .. ARGV[2]
      if redis.call('EXISTS', rec) == 1 then
        redis.call('HSET', rec, 'lastSent', '0')
        redis.call('HDEL', rec, 'code')
      end
      redis.call('DEL', ARGV[1] .. 'otp:cool:' .. ARGV[3])
      return 1
      """);

  private static final RedisScript CHECK =
      new RedisScript(
          """
      local rec = ARGV[1] .. 'otp:v:' .. ARGV[2]
      local user, candidate, now, max = ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
      local h = redis.call('HMGET', rec, 'user', 'state', 'failures', 'expires', 'code', 'phone')
      if not h[1] or h[1] ~= user then return {'NOT_FOUND', '', 0} end
      if h[2] == 'verified' then return {'COMPLETED', '', 0} end
      if tonumber(h[3] or '0') >= max then return {'LOCKED', '', redis.call('PTTL', rec)} end
      if not h[5] or now > tonumber(h[4] or '0') then return {'EXPIRED', '', 0} end
      if h[5] == candidate then return {'MATCH', h[6], 0} end
      local failures = redis.call('HINCRBY', rec, 'failures', 1)
      if failures >= max then return {'LOCKED', '', redis.call('PTTL', rec)} end
      return {'MISMATCH', '', max - failures}
      """);

  private static final RedisScript COMPLETE =
      new RedisScript(
          """
      local rec = ARGV[1] .. 'otp:v:' .. ARGV[2]
      if redis.call('HGET', rec, 'user') ~= ARGV[3] then return 0 end
      redis.call('HSET', rec, 'state', 'verified')
      redis.call('HDEL', rec, 'code', 'phone')
      return 1
      """);

  private final RedisConnector redis;

  public RedisVerificationStore(RedisConnector redis) {
    this.redis = redis;
  }

  private String prefix() {
    return redis.key("");
  }

  @Override
  public StartResult start(StartCommand c) {
    List<?> reply =
        (List<?>)
            run(
                START,
                List.of(
                    prefix(),
                    c.userId().toString(),
                    c.phoneHash(),
                    c.sealedPhone(),
                    c.region(),
                    c.newId(),
                    c.codeHash(),
                    Long.toString(c.now()),
                    Long.toString(c.codeTtlMillis()),
                    Long.toString(c.cooldownMillis()),
                    Long.toString(c.windowMillis()),
                    Integer.toString(c.maxAttempts()),
                    Integer.toString(c.dailyPerPhone()),
                    Integer.toString(c.dailyPerUser()),
                    c.day(),
                    Long.toString(c.millisToDayEnd()),
                    Integer.toString(c.country().burst()),
                    Integer.toString(c.country().perMinute()),
                    Integer.toString(c.global().burst()),
                    Integer.toString(c.global().perMinute()),
                    c.brakeEngaged() ? "1" : "0"));
    return new StartResult(
        StartStatus.valueOf(RedisScript.asString(reply.get(0))),
        RedisScript.asString(reply.get(1)),
        RedisScript.asLong(reply.get(2)));
  }

  @Override
  public BudgetResult spendBudget(BudgetCommand c) {
    List<?> reply =
        (List<?>)
            run(
                SPEND_BUDGET,
                List.of(
                    prefix(),
                    c.region(),
                    Long.toString(c.now()),
                    Integer.toString(c.country().burst()),
                    Integer.toString(c.country().perMinute()),
                    Integer.toString(c.global().burst()),
                    Integer.toString(c.global().perMinute()),
                    c.brakeEngaged() ? "1" : "0"));
    return new BudgetResult(
        StartStatus.valueOf(RedisScript.asString(reply.get(0))), RedisScript.asLong(reply.get(1)));
  }

  @Override
  public void unsend(String verificationId, String phoneHash) {
    run(UNSEND, List.of(prefix(), verificationId, phoneHash));
  }

  @Override
  public Optional<String> phoneHashOf(String verificationId, UUID userId) {
    if (!wellFormedId(verificationId)) {
      return Optional.empty();
    }
    try {
      List<String> fields =
          redis.redis().hmget(redis.key("otp:v:" + verificationId), "user", "phoneHash");
      return userId.toString().equals(fields.get(0))
          ? Optional.ofNullable(fields.get(1))
          : Optional.empty();
    } catch (JedisException e) {
      throw new StoreUnavailable(e);
    }
  }

  @Override
  public CheckResult check(
      String verificationId, UUID userId, String candidateHash, long now, int maxAttempts) {
    List<?> reply =
        (List<?>)
            run(
                CHECK,
                List.of(
                    prefix(),
                    verificationId,
                    userId.toString(),
                    candidateHash,
                    Long.toString(now),
                    Integer.toString(maxAttempts)));
    return new CheckResult(
        CheckStatus.valueOf(RedisScript.asString(reply.get(0))),
        RedisScript.asString(reply.get(1)),
        RedisScript.asLong(reply.get(2)));
  }

  @Override
  public void complete(String verificationId, UUID userId) {
    run(COMPLETE, List.of(prefix(), verificationId, userId.toString()));
  }

  private Object run(RedisScript script, List<String> args) {
    try {
      return script.run(redis.redis(), List.of(), args);
    } catch (JedisException e) {
      throw new StoreUnavailable(e);
    }
  }

  /** Verification ids are UUIDs; anything else is not looked up. */
  static boolean wellFormedId(String id) {
    try {
      return id != null && id.length() == 36 && UUID.fromString(id).toString().equals(id);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
