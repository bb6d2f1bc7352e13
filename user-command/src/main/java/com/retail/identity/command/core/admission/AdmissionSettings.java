package com.retail.identity.command.core.admission;

import com.retail.identity.common.challenge.OnRedisDown;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What admission control is set to at one moment. Operators turn these as knobs during a launch
 * ({@code AdmissionKnobs} reads them, next to the configuration); every default is written here
 * once.
 *
 * @param enabled false: every request is allowed
 * @param launchMode every request must carry a solved challenge
 * @param limits the bucket sizes per action and bucket kind
 * @param domainLimitExempt email domains whose registrations skip the per-domain bucket
 * @param rateLimitsOnRedisDown OPEN: the buckets of this instance; CLOSED: 503
 * @param signalsOnRedisDown OPEN: the signals of this instance; CLOSED: every request counts as
 *     risky
 */
public record AdmissionSettings(
    boolean enabled,
    boolean launchMode,
    Map<Action, Map<BucketKind, Limit>> limits,
    Set<String> domainLimitExempt,
    RiskThresholds risk,
    OnRedisDown rateLimitsOnRedisDown,
    OnRedisDown signalsOnRedisDown) {

  /**
   * A third of a 500/s launch can come from one big provider: ~170/s, above the per-domain limit
   * (ADR 0701 item 10). The per-address, per-subnet and per-device buckets still apply to them.
   */
  static final Set<String> BIG_MAIL_PROVIDERS =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "outlook.com",
          "hotmail.com",
          "live.com",
          "msn.com",
          "yahoo.com",
          "icloud.com",
          "me.com",
          "aol.com",
          "proton.me",
          "protonmail.com",
          "gmx.com",
          "gmx.de",
          "web.de",
          "yandex.ru",
          "mail.ru",
          "qq.com",
          "163.com",
          "naver.com");

  /** Login and reset have no domain bucket: every gmail.com user would share it. */
  public static final AdmissionSettings DEFAULTS =
      new AdmissionSettings(
          true,
          false,
          Map.of(
              Action.REGISTER,
                  Map.of(
                      BucketKind.ADDRESS, new Limit(10, 10),
                      BucketKind.SUBNET, new Limit(60, 120),
                      BucketKind.DEVICE, new Limit(5, 5),
                      BucketKind.DOMAIN, new Limit(600, 6000)),
              Action.LOGIN,
                  Map.of(
                      BucketKind.ADDRESS, new Limit(30, 60),
                      BucketKind.SUBNET, new Limit(300, 600),
                      BucketKind.DEVICE, new Limit(20, 30),
                      BucketKind.DOMAIN, Limit.OFF),
              // A customer asks for a reset once or twice; each request may send an email.
              Action.RESET,
                  Map.of(
                      BucketKind.ADDRESS, new Limit(5, 10),
                      BucketKind.SUBNET, new Limit(30, 60),
                      BucketKind.DEVICE, new Limit(5, 5),
                      BucketKind.DOMAIN, Limit.OFF)),
          BIG_MAIL_PROVIDERS,
          RiskThresholds.DEFAULTS,
          OnRedisDown.OPEN,
          OnRedisDown.OPEN);

  public AdmissionSettings {
    limits = Map.copyOf(limits);
    domainLimitExempt = Set.copyOf(domainLimitExempt);
  }

  public Limit limit(Action action, BucketKind kind) {
    return limits.getOrDefault(action, Map.of()).getOrDefault(kind, Limit.OFF);
  }

  public AdmissionSettings withEnabled(boolean on) {
    return new AdmissionSettings(
        on, launchMode, limits, domainLimitExempt, risk, rateLimitsOnRedisDown, signalsOnRedisDown);
  }

  public AdmissionSettings withLaunchMode(boolean on) {
    return new AdmissionSettings(
        enabled, on, limits, domainLimitExempt, risk, rateLimitsOnRedisDown, signalsOnRedisDown);
  }

  public AdmissionSettings withLimit(Action action, BucketKind kind, Limit limit) {
    Map<Action, Map<BucketKind, Limit>> changed = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      Map<BucketKind, Limit> byKind = new EnumMap<>(BucketKind.class);
      for (BucketKind k : BucketKind.values()) {
        byKind.put(k, a == action && k == kind ? limit : limit(a, k));
      }
      changed.put(a, byKind);
    }
    return new AdmissionSettings(
        enabled,
        launchMode,
        changed,
        domainLimitExempt,
        risk,
        rateLimitsOnRedisDown,
        signalsOnRedisDown);
  }

  public AdmissionSettings withDomainLimitExempt(Set<String> domains) {
    return new AdmissionSettings(
        enabled, launchMode, limits, domains, risk, rateLimitsOnRedisDown, signalsOnRedisDown);
  }

  public AdmissionSettings withRisk(RiskThresholds thresholds) {
    return new AdmissionSettings(
        enabled,
        launchMode,
        limits,
        domainLimitExempt,
        thresholds,
        rateLimitsOnRedisDown,
        signalsOnRedisDown);
  }

  public AdmissionSettings withRateLimitsOnRedisDown(OnRedisDown mode) {
    return new AdmissionSettings(
        enabled, launchMode, limits, domainLimitExempt, risk, mode, signalsOnRedisDown);
  }

  public AdmissionSettings withSignalsOnRedisDown(OnRedisDown mode) {
    return new AdmissionSettings(
        enabled, launchMode, limits, domainLimitExempt, risk, rateLimitsOnRedisDown, mode);
  }
}
