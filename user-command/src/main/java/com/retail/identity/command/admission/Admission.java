package com.retail.identity.command.admission;

import com.codahale.metrics.MetricRegistry;
import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicDoubleProperty;
import com.netflix.config.DynamicIntProperty;
import com.netflix.config.DynamicPropertyFactory;
import com.netflix.config.DynamicStringProperty;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.challenge.OnRedisDown;
import com.retail.identity.common.challenge.RedisScript;
import com.retail.identity.common.challenge.SolutionCheck;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Admission control for registration and login (OWASP OAT-019 account creation, OAT-008 credential
 * stuffing): Redis token buckets per client address, per /24 (IPv4) or /56 (IPv6) subnet, per
 * device id and per email domain; disposable email domains refused; credential-stuffing signals
 * (failed-login ratio and distinct accounts per address) that demand a proof-of-work challenge; and
 * launch mode, which demands one of every request. One Redis round trip per decision (plus one to
 * use up a challenge solution, and one to issue a challenge).
 *
 * <p>Knobs (Archaius, live): {@value #ENABLED}, {@value #LAUNCH_MODE},
 * {@code identity.ratelimit.<register|login>.<address|subnet|device|domain>.burst} and
 * {@code .perMinute} (0 turns a bucket off), {@value #DOMAIN_EXEMPT}, {@value #RISK_FAILURE_RATIO}, {@value #RISK_MIN_ATTEMPTS},
 * {@value #RISK_MAX_ACCOUNTS}, {@value #RISK_WINDOW}, and per check what happens while Redis is down:
 * {@value #RATELIMIT_ON_REDIS_DOWN} and {@value #SIGNALS_ON_REDIS_DOWN} ({@code open}: in-process
 * state of this instance; {@code closed}: rate limits answer 503, signals count as high risk), plus
 * {@link com.retail.identity.common.challenge.ReplayGuard#ON_REDIS_DOWN} for used solutions.
 *
 * <p>Every decision is counted: {@code admission.<action>.<outcome>.<reason>} in the given registry.
 */
public final class Admission {
  public static final String ENABLED = "identity.admission.enabled";
  public static final String LAUNCH_MODE = "identity.launch.mode";
  public static final String RISK_FAILURE_RATIO = "identity.risk.failureRatio";
  public static final String RISK_MIN_ATTEMPTS = "identity.risk.minAttempts";
  public static final String RISK_MAX_ACCOUNTS = "identity.risk.maxAccountsPerAddress";
  public static final String RISK_WINDOW = "identity.risk.windowSeconds";
  public static final String RATELIMIT_ON_REDIS_DOWN = "identity.admission.onRedisDown.ratelimit";
  public static final String SIGNALS_ON_REDIS_DOWN = "identity.admission.onRedisDown.signals";
  /** Mail providers whose registrations skip the per-domain bucket (space-separated domains). */
  public static final String DOMAIN_EXEMPT = "identity.ratelimit.register.domain.exempt";
  /**
   * A third of a 500/s launch can come from one big provider: ~170/s, above the per-domain limit
   * (ADR 0701 item 10). The per-address, per-subnet and per-device buckets still apply to them.
   */
  static final String DEFAULT_DOMAIN_EXEMPT = "gmail.com googlemail.com outlook.com hotmail.com live.com msn.com"
      + " yahoo.com icloud.com me.com aol.com proton.me protonmail.com gmx.com gmx.de web.de yandex.ru mail.ru qq.com"
      + " 163.com naver.com";

  /** The dimensions of the token buckets, in the order they are checked and reported. */
  public enum Dimension {
    ADDRESS, SUBNET, DEVICE, DOMAIN;

    public String slug() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Default (burst, per minute) of each bucket; knobs override. */
  static final Map<Action, Map<Dimension, int[]>> DEFAULT_LIMITS = Map.of(
      Action.REGISTER, Map.of(
          Dimension.ADDRESS, new int[] {10, 10},
          Dimension.SUBNET, new int[] {60, 120},
          Dimension.DEVICE, new int[] {5, 5},
          Dimension.DOMAIN, new int[] {600, 6000}),
      Action.LOGIN, Map.of(
          Dimension.ADDRESS, new int[] {30, 60},
          Dimension.SUBNET, new int[] {300, 600},
          Dimension.DEVICE, new int[] {20, 30},
          Dimension.DOMAIN, new int[] {0, 0}));

  private static final RedisScript DECIDE = new RedisScript("""
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

  private static final RedisScript RECORD = new RedisScript("""
      redis.call('HINCRBY', KEYS[1], 'a', 1)
      if ARGV[1] == '0' then redis.call('HINCRBY', KEYS[1], 'f', 1) end
      if ARGV[2] ~= '' then redis.call('PFADD', KEYS[2], ARGV[2]) end
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      return 1
      """);

  private final RedisConnector redis;
  private final Challenges challenges;
  private final MetricRegistry metrics;
  private final Clock clock;
  private final LocalAdmissionState local = new LocalAdmissionState();

  private final DynamicBooleanProperty enabled = Knobs.booleanKnob(ENABLED, true);
  private final DynamicBooleanProperty launchMode = Knobs.booleanKnob(LAUNCH_MODE, false);
  private final DynamicDoubleProperty failureRatio;
  private final DynamicIntProperty minAttempts = Knobs.intKnob(RISK_MIN_ATTEMPTS, 20);
  private final DynamicIntProperty maxAccounts = Knobs.intKnob(RISK_MAX_ACCOUNTS, 10);
  private final DynamicIntProperty windowSeconds = Knobs.intKnob(RISK_WINDOW, 300);
  private final OnRedisDown.Knob ratelimitOnRedisDown = OnRedisDown.knob(RATELIMIT_ON_REDIS_DOWN, OnRedisDown.OPEN);
  private final OnRedisDown.Knob signalsOnRedisDown = OnRedisDown.knob(SIGNALS_ON_REDIS_DOWN, OnRedisDown.OPEN);
  private final Map<Action, Map<Dimension, DynamicIntProperty[]>> limits = new EnumMap<>(Action.class);
  private final DynamicStringProperty domainExempt = Knobs.stringKnob(DOMAIN_EXEMPT, DEFAULT_DOMAIN_EXEMPT);
  private volatile ExemptDomains exemptDomains = new ExemptDomains("", Set.of());
  private final Map<String, com.codahale.metrics.Counter> counters = new ConcurrentHashMap<>();

  public Admission(RedisConnector redis, Challenges challenges, MetricRegistry metrics, Clock clock) {
    this.redis = redis;
    this.challenges = challenges;
    this.metrics = metrics;
    this.clock = clock;
    // The field initialisers above went through Knobs, which installed the layered configuration.
    this.failureRatio = DynamicPropertyFactory.getInstance().getDoubleProperty(RISK_FAILURE_RATIO, 0.5);
    for (Action action : Action.values()) {
      Map<Dimension, DynamicIntProperty[]> byDimension = new EnumMap<>(Dimension.class);
      for (Dimension dimension : Dimension.values()) {
        int[] defaults = DEFAULT_LIMITS.get(action).get(dimension);
        String base = "identity.ratelimit." + action.slug() + "." + dimension.slug();
        byDimension.put(dimension, new DynamicIntProperty[] {
            Knobs.intKnob(base + ".burst", defaults[0]), Knobs.intKnob(base + ".perMinute", defaults[1])});
      }
      limits.put(action, byDimension);
    }
  }

  /** One bucket to take a token from. */
  record Bucket(Dimension dimension, String key, int burst, int perMinute) {}

  /** Decides whether a registration or login may go ahead, and counts the decision. */
  public AdmissionDecision decide(AdmissionRequest request) {
    AdmissionDecision decision = evaluate(request);
    count("admission." + request.action().slug() + "." + decision.outcome().name().toLowerCase(Locale.ROOT)
        + "." + decision.reason());
    return decision;
  }

  /**
   * Reports how a login ended, for the credential-stuffing signals of its client address.
   *
   * @param accountKey a stable pseudonym of the account tried (e.g. user-command's keyed email hash;
   *     never the email itself), or null when unknown
   */
  public void recordLogin(String clientAddress, String accountKey, boolean success) {
    String address = clientAddress == null ? "unknown" : clientAddress;
    String account = accountKey == null ? "" : digest(accountKey);
    long window = window();
    count("admission.login.outcome." + (success ? "success" : "failure"));
    try {
      RECORD.run(redis.redis(), List.of(signalKey(address, window), accountsKey(address, window)),
          List.of(success ? "1" : "0", account, Long.toString(windowSeconds() * 2000L)));
    } catch (JedisException e) {
      count("admission.redis-unavailable");
      if (signalsOnRedisDown.get() == OnRedisDown.OPEN) {
        local.record(address, account.isEmpty() ? null : account, success, window);
      }
    }
  }

  private AdmissionDecision evaluate(AdmissionRequest request) {
    if (!enabled.get()) {
      return AdmissionDecision.allow("admission-off");
    }
    String address = request.clientAddress() == null ? "unknown" : request.clientAddress();
    List<Bucket> buckets = buckets(request, address);
    List<String> domains = request.action() == Action.REGISTER
        ? DisposableDomains.candidates(request.emailDomain()) : List.of();
    long now = clock.millis();
    long window = window();

    long limited;
    long waitMillis;
    boolean disposable;
    long attempts;
    long failures;
    long accounts;
    boolean signalsUnknown = false;
    try {
      List<String> keys = new ArrayList<>();
      List<String> args = new ArrayList<>();
      args.add(Long.toString(now));
      args.add(Integer.toString(buckets.size()));
      for (Bucket bucket : buckets) {
        keys.add(bucket.key());
        args.add(Integer.toString(bucket.burst()));
        args.add(Integer.toString(bucket.perMinute()));
      }
      keys.add(redis.key(DisposableDomains.KEY));
      keys.add(signalKey(address, window));
      keys.add(signalKey(address, window - 1));
      keys.add(accountsKey(address, window));
      keys.add(accountsKey(address, window - 1));
      args.add(Integer.toString(domains.size()));
      args.addAll(domains);
      List<?> reply = (List<?>) DECIDE.run(redis.redis(), keys, args);
      limited = RedisScript.asLong(reply.get(0));
      waitMillis = RedisScript.asLong(reply.get(1));
      long flag = RedisScript.asLong(reply.get(2));
      disposable = flag < 0 ? domains.stream().anyMatch(DisposableDomains.BUILT_IN::contains) : flag == 1;
      attempts = RedisScript.asLong(reply.get(3));
      failures = RedisScript.asLong(reply.get(4));
      accounts = RedisScript.asLong(reply.get(5));
    } catch (JedisException e) {
      count("admission.redis-unavailable");
      if (ratelimitOnRedisDown.get() == OnRedisDown.CLOSED) {
        return AdmissionDecision.unavailable("redis-down", 5);
      }
      long[] taken = local.take(buckets, now);
      limited = taken[0];
      waitMillis = taken[1];
      disposable = domains.stream().anyMatch(DisposableDomains.BUILT_IN::contains);
      if (signalsOnRedisDown.get() == OnRedisDown.OPEN) {
        long[] signals = local.signals(address, window);
        attempts = signals[0];
        failures = signals[1];
        accounts = signals[2];
      } else {
        attempts = 0;
        failures = 0;
        accounts = 0;
        signalsUnknown = true;
      }
    }

    if (limited > 0) {
      return AdmissionDecision.rateLimited(buckets.get((int) limited - 1).dimension().slug(),
          (waitMillis + 999) / 1000);
    }
    if (disposable) {
      return AdmissionDecision.refused(AdmissionProblems.DISPOSABLE_EMAIL);
    }
    String why = null;
    if (launchMode.get()) {
      why = "launch-mode";
    } else if (signalsUnknown) {
      why = "risk-unknown";
    } else if (attempts >= Math.max(1, minAttempts.get()) && failures >= failureRatio.get() * attempts) {
      why = "risk-failed-logins";
    } else if (maxAccounts.get() > 0 && accounts > maxAccounts.get()) {
      why = "risk-many-accounts";
    }
    if (why == null) {
      return AdmissionDecision.allow("ok");
    }
    SolutionCheck solution = challenges.verify(request.challengeSolution());
    return switch (solution) {
      case VALID -> AdmissionDecision.allow("challenge-solved");
      case UNAVAILABLE -> AdmissionDecision.unavailable("replay-guard-down", 5);
      case MISSING -> AdmissionDecision.challenge(why, challenges.issue());
      default -> AdmissionDecision.challenge("challenge-" + solution.slug(), challenges.issue());
    };
  }

  private List<Bucket> buckets(AdmissionRequest request, String address) {
    List<Bucket> buckets = new ArrayList<>(4);
    Map<Dimension, DynamicIntProperty[]> configured = limits.get(request.action());
    String prefix = "adm:b:" + request.action().slug() + ":";
    add(buckets, configured, Dimension.ADDRESS, redis.key(prefix + "a:" + address));
    add(buckets, configured, Dimension.SUBNET, redis.key(prefix + "s:" + ClientAddresses.subnetOf(address)));
    if (request.deviceId() != null) {
      add(buckets, configured, Dimension.DEVICE, redis.key(prefix + "d:" + digest(request.deviceId())));
    }
    if (request.emailDomain() != null && !(request.action() == Action.REGISTER && isExempt(request.emailDomain()))) {
      add(buckets, configured, Dimension.DOMAIN, redis.key(prefix + "m:" + request.emailDomain()));
    }
    return buckets;
  }

  /** The knob's value and its parsed set, re-parsed only when the knob changes. */
  private record ExemptDomains(String raw, Set<String> domains) {}

  private boolean isExempt(String domain) {
    String raw = domainExempt.get() == null ? "" : domainExempt.get();
    ExemptDomains current = exemptDomains;
    if (!current.raw().equals(raw)) {
      current = new ExemptDomains(raw, Arrays.stream(raw.split("[,\\s]+"))
          .filter(d -> !d.isBlank()).map(AdmissionRequest::normalizeDomain).collect(Collectors.toUnmodifiableSet()));
      exemptDomains = current;
    }
    return current.domains().contains(domain);
  }

  private static void add(List<Bucket> buckets, Map<Dimension, DynamicIntProperty[]> configured, Dimension dimension, String key) {
    DynamicIntProperty[] knobs = configured.get(dimension);
    int burst = knobs[0].get();
    int perMinute = knobs[1].get();
    if (burst > 0 && perMinute > 0) {
      buckets.add(new Bucket(dimension, key, burst, perMinute));
    }
  }

  private long window() {
    return clock.millis() / (windowSeconds() * 1000L);
  }

  private int windowSeconds() {
    return Math.max(10, windowSeconds.get());
  }

  private String signalKey(String address, long window) {
    return redis.key("adm:sig:" + address + ":" + window);
  }

  private String accountsKey(String address, long window) {
    return redis.key("adm:acc:" + address + ":" + window);
  }

  private void count(String name) {
    counters.computeIfAbsent(name, metrics::counter).inc();
  }

  /** A short digest, so device ids and account keys never reach Redis as given. */
  static String digest(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
