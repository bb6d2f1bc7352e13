package com.retail.identity.command;

import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicDoubleProperty;
import com.netflix.config.DynamicIntProperty;
import com.netflix.config.DynamicPropertyFactory;
import com.netflix.config.DynamicStringProperty;
import com.retail.identity.command.core.admission.Action;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.AdmissionSettings;
import com.retail.identity.command.core.admission.BucketKind;
import com.retail.identity.command.core.admission.Limit;
import com.retail.identity.command.core.admission.RiskThresholds;
import com.retail.identity.common.challenge.OnRedisDown;
import com.retail.identity.common.config.Knobs;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Admission control's settings as operators turn them: Archaius knobs, read afresh for every
 * decision (defaults: {@link AdmissionSettings#DEFAULTS}). Names: {@value #ENABLED}, {@value
 * #LAUNCH_MODE}, {@code identity.ratelimit.<register|login>.<address|subnet|device|domain>.burst}
 * and {@code .perMinute} (0 turns a bucket off), {@value #DOMAIN_EXEMPT}, {@value
 * #RISK_FAILURE_RATIO}, {@value #RISK_MIN_ATTEMPTS}, {@value #RISK_MAX_ACCOUNTS}, {@value
 * #RISK_WINDOW}, {@value #RATELIMIT_ON_REDIS_DOWN} and {@value #SIGNALS_ON_REDIS_DOWN} ({@code
 * open} or {@code closed}).
 */
public final class AdmissionKnobs implements Supplier<AdmissionSettings> {
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

  private static final AdmissionSettings DEFAULTS = AdmissionSettings.DEFAULTS;

  private final DynamicBooleanProperty enabled = Knobs.booleanKnob(ENABLED, DEFAULTS.enabled());
  private final DynamicBooleanProperty launchMode =
      Knobs.booleanKnob(LAUNCH_MODE, DEFAULTS.launchMode());
  private final DynamicIntProperty minAttempts =
      Knobs.intKnob(RISK_MIN_ATTEMPTS, DEFAULTS.risk().minAttempts());
  private final DynamicIntProperty maxAccounts =
      Knobs.intKnob(RISK_MAX_ACCOUNTS, DEFAULTS.risk().maxAccountsPerAddress());
  private final DynamicIntProperty windowSeconds =
      Knobs.intKnob(RISK_WINDOW, DEFAULTS.risk().windowSeconds());
  private final OnRedisDown.Knob rateLimitsOnRedisDown =
      OnRedisDown.knob(RATELIMIT_ON_REDIS_DOWN, DEFAULTS.rateLimitsOnRedisDown());
  private final OnRedisDown.Knob signalsOnRedisDown =
      OnRedisDown.knob(SIGNALS_ON_REDIS_DOWN, DEFAULTS.signalsOnRedisDown());
  private final DynamicStringProperty domainExempt =
      Knobs.stringKnob(DOMAIN_EXEMPT, String.join(" ", DEFAULTS.domainLimitExempt()));
  // After the knobs above, which installed the layered configuration (Knobs has no double knob).
  private final DynamicDoubleProperty failureRatio =
      DynamicPropertyFactory.getInstance()
          .getDoubleProperty(RISK_FAILURE_RATIO, DEFAULTS.risk().failureRatio());
  private final Map<Action, Map<BucketKind, LimitKnobs>> limits = new EnumMap<>(Action.class);
  private volatile ExemptDomains exemptDomains = new ExemptDomains("", Set.of());

  public AdmissionKnobs() {
    for (Action action : Action.values()) {
      Map<BucketKind, LimitKnobs> byKind = new EnumMap<>(BucketKind.class);
      for (BucketKind kind : BucketKind.values()) {
        Limit defaults = DEFAULTS.limit(action, kind);
        byKind.put(
            kind,
            new LimitKnobs(
                Knobs.intKnob(burst(action, kind), defaults.burst()),
                Knobs.intKnob(perMinute(action, kind), defaults.perMinute())));
      }
      limits.put(action, byKind);
    }
  }

  public static String burst(Action action, BucketKind kind) {
    return "identity.ratelimit." + action.slug() + "." + kind.slug() + ".burst";
  }

  public static String perMinute(Action action, BucketKind kind) {
    return "identity.ratelimit." + action.slug() + "." + kind.slug() + ".perMinute";
  }

  @Override
  public AdmissionSettings get() {
    Map<Action, Map<BucketKind, Limit>> current = new EnumMap<>(Action.class);
    limits.forEach(
        (action, byKind) -> {
          Map<BucketKind, Limit> values = new EnumMap<>(BucketKind.class);
          byKind.forEach(
              (kind, knobs) ->
                  values.put(kind, new Limit(knobs.burst().get(), knobs.perMinute().get())));
          current.put(action, values);
        });
    return new AdmissionSettings(
        enabled.get(),
        launchMode.get(),
        current,
        exempt(),
        new RiskThresholds(
            failureRatio.get(), minAttempts.get(), maxAccounts.get(), windowSeconds.get()),
        rateLimitsOnRedisDown.get(),
        signalsOnRedisDown.get());
  }

  /**
   * Each knob with the value it has while no layer sets it (the README's knob table is checked
   * against this). The exempt domains are listed sorted.
   */
  public static Map<String, String> knobs(AdmissionSettings settings) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put(ENABLED, String.valueOf(settings.enabled()));
    knobs.put(LAUNCH_MODE, String.valueOf(settings.launchMode()));
    for (Action action : Action.values()) {
      for (BucketKind kind : BucketKind.values()) {
        knobs.put(burst(action, kind), String.valueOf(settings.limit(action, kind).burst()));
        knobs.put(
            perMinute(action, kind), String.valueOf(settings.limit(action, kind).perMinute()));
      }
    }
    knobs.put(DOMAIN_EXEMPT, String.join(" ", new TreeSet<>(settings.domainLimitExempt())));
    knobs.put(RISK_FAILURE_RATIO, String.valueOf(settings.risk().failureRatio()));
    knobs.put(RISK_MIN_ATTEMPTS, String.valueOf(settings.risk().minAttempts()));
    knobs.put(RISK_MAX_ACCOUNTS, String.valueOf(settings.risk().maxAccountsPerAddress()));
    knobs.put(RISK_WINDOW, String.valueOf(settings.risk().windowSeconds()));
    knobs.put(
        RATELIMIT_ON_REDIS_DOWN, settings.rateLimitsOnRedisDown().name().toLowerCase(Locale.ROOT));
    knobs.put(SIGNALS_ON_REDIS_DOWN, settings.signalsOnRedisDown().name().toLowerCase(Locale.ROOT));
    return knobs;
  }

  private record LimitKnobs(DynamicIntProperty burst, DynamicIntProperty perMinute) {}

  /** The knob's value and its parsed set, parsed again only when the knob changes. */
  private record ExemptDomains(String raw, Set<String> domains) {}

  private Set<String> exempt() {
    String raw = Objects.requireNonNullElse(domainExempt.get(), "");
    ExemptDomains current = exemptDomains;
    if (!current.raw().equals(raw)) {
      current =
          new ExemptDomains(
              raw,
              Arrays.stream(raw.split("[,\\s]+"))
                  .filter(d -> !d.isBlank())
                  .map(AdmissionRequest::normalizeDomain)
                  .filter(Objects::nonNull)
                  .collect(Collectors.toUnmodifiableSet()));
      exemptDomains = current;
    }
    return current.domains();
  }
}
