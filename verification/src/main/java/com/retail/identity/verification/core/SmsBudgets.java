package com.retail.identity.verification.core;

import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMS pumping brakes, as knobs: a send budget per destination country (token bucket: burst and
 * per minute), and a global brake that engages when all sends together exceed their own bucket
 * (a spike) or when an operator forces it. A budget of 0 (burst or per minute) stops those sends.
 */
public final class SmsBudgets {
  public static final String COUNTRY = "identity.sms.budget.";
  public static final String BRAKE = "identity.sms.brake.";
  static final int DEFAULT_COUNTRY_BURST = 120;
  static final int DEFAULT_COUNTRY_PER_MINUTE = 120;
  static final int DEFAULT_GLOBAL_BURST = 3000;
  static final int DEFAULT_GLOBAL_PER_MINUTE = 3000;

  private final DynamicIntProperty defaultBurst = Knobs.intKnob(COUNTRY + "default.burst", DEFAULT_COUNTRY_BURST);
  private final DynamicIntProperty defaultPerMinute = Knobs.intKnob(COUNTRY + "default.perMinute", DEFAULT_COUNTRY_PER_MINUTE);
  private final DynamicIntProperty globalBurst = Knobs.intKnob(BRAKE + "burst", DEFAULT_GLOBAL_BURST);
  private final DynamicIntProperty globalPerMinute = Knobs.intKnob(BRAKE + "perMinute", DEFAULT_GLOBAL_PER_MINUTE);
  private final DynamicBooleanProperty engaged = Knobs.booleanKnob(BRAKE + "engaged", false);
  private final Map<String, DynamicIntProperty[]> countries = new ConcurrentHashMap<>();

  /** The budget of a region (ISO 3166 code); -1 in a knob means "use the default". */
  public VerificationStore.Budget country(String region) {
    DynamicIntProperty[] knobs = countries.computeIfAbsent(region.toUpperCase(Locale.ROOT), r -> new DynamicIntProperty[] {
        Knobs.intKnob(COUNTRY + r + ".burst", -1), Knobs.intKnob(COUNTRY + r + ".perMinute", -1)});
    int burst = knobs[0].get() >= 0 ? knobs[0].get() : defaultBurst.get();
    int perMinute = knobs[1].get() >= 0 ? knobs[1].get() : defaultPerMinute.get();
    return new VerificationStore.Budget(burst, perMinute);
  }

  public VerificationStore.Budget global() {
    return new VerificationStore.Budget(globalBurst.get(), globalPerMinute.get());
  }

  public boolean brakeEngaged() {
    return engaged.get();
  }
}
