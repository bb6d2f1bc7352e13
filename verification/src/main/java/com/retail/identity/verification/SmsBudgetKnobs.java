package com.retail.identity.verification;

import com.netflix.config.ConfigurationManager;
import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.verification.core.SmsBudgetSettings;
import com.retail.identity.verification.core.SmsBudgetSettings.Budget;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SMS budgets as operators turn them: Archaius knobs, read afresh for every send. A knob no
 * layer sets has the configured value ({@code smsBudgets} in the YAML, else {@link
 * SmsBudgetSettings#DEFAULTS}). A country's knob set to -1 (or not set) means "as configured for
 * that country, else the {@code default} budget"; each of its two knobs falls back on its own.
 */
public final class SmsBudgetKnobs implements Supplier<SmsBudgetSettings> {
  /** {@code identity.sms.budget.<CC or default>.burst} and {@code .perMinute}. */
  public static final String COUNTRY = "identity.sms.budget.";

  /** {@code identity.sms.brake.burst}, {@code .perMinute} and {@code .engaged}. */
  public static final String BRAKE = "identity.sms.brake.";

  static final String EVERY_COUNTRY = "default";
  private static final int UNSET = -1;

  private final SmsBudgetSettings configured;
  private final DynamicIntProperty defaultBurst;
  private final DynamicIntProperty defaultPerMinute;
  private final DynamicIntProperty brakeBurst;
  private final DynamicIntProperty brakePerMinute;
  private final DynamicBooleanProperty brakeEngaged;
  private final Map<String, CountryKnobs> countries = new ConcurrentHashMap<>();

  private record CountryKnobs(DynamicIntProperty burst, DynamicIntProperty perMinute) {}

  public SmsBudgetKnobs(SmsBudgetSettings configured) {
    this.configured = configured;
    defaultBurst =
        Knobs.intKnob(COUNTRY + EVERY_COUNTRY + ".burst", configured.perCountry().burst());
    defaultPerMinute =
        Knobs.intKnob(COUNTRY + EVERY_COUNTRY + ".perMinute", configured.perCountry().perMinute());
    brakeBurst = Knobs.intKnob(BRAKE + "burst", configured.brake().burst());
    brakePerMinute = Knobs.intKnob(BRAKE + "perMinute", configured.brake().perMinute());
    brakeEngaged = Knobs.booleanKnob(BRAKE + "engaged", configured.brakeEngaged());
  }

  @Override
  public SmsBudgetSettings get() {
    Budget perCountry = new Budget(defaultBurst.get(), defaultPerMinute.get());
    Map<String, Budget> budgets = new HashMap<>();
    for (String region : regions()) {
      CountryKnobs knobs =
          countries.computeIfAbsent(
              region,
              r ->
                  new CountryKnobs(
                      Knobs.intKnob(COUNTRY + r + ".burst", UNSET),
                      Knobs.intKnob(COUNTRY + r + ".perMinute", UNSET)));
      Budget fallback = configured.countries().getOrDefault(region, perCountry);
      int burst = knobs.burst().get() >= 0 ? knobs.burst().get() : fallback.burst();
      int perMinute = knobs.perMinute().get() >= 0 ? knobs.perMinute().get() : fallback.perMinute();
      budgets.put(region, new Budget(burst, perMinute));
    }
    return new SmsBudgetSettings(
        perCountry,
        budgets,
        new Budget(brakeBurst.get(), brakePerMinute.get()),
        brakeEngaged.get());
  }

  /** The configured countries and those some knob layer names. */
  private Set<String> regions() {
    Set<String> regions = new TreeSet<>(configured.countries().keySet());
    for (Iterator<String> keys =
            ConfigurationManager.getConfigInstance()
                .getKeys(COUNTRY.substring(0, COUNTRY.length() - 1));
        keys.hasNext(); ) {
      String key = keys.next();
      if (!key.startsWith(COUNTRY)) {
        continue;
      }
      String rest = key.substring(COUNTRY.length());
      int dot = rest.indexOf('.');
      String region = (dot < 0 ? rest : rest.substring(0, dot)).toUpperCase(Locale.ROOT);
      if (region.matches("[A-Z]{2}")) {
        regions.add(region);
      }
    }
    return regions;
  }

  /**
   * Each knob with the value it has while no layer sets it (the README's knob table is checked
   * against this).
   */
  public static Map<String, String> knobs(SmsBudgetSettings configured) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put(COUNTRY + EVERY_COUNTRY + ".burst", String.valueOf(configured.perCountry().burst()));
    knobs.put(
        COUNTRY + EVERY_COUNTRY + ".perMinute",
        String.valueOf(configured.perCountry().perMinute()));
    knobs.put(COUNTRY + "<CC>.burst", String.valueOf(UNSET));
    knobs.put(COUNTRY + "<CC>.perMinute", String.valueOf(UNSET));
    knobs.put(BRAKE + "burst", String.valueOf(configured.brake().burst()));
    knobs.put(BRAKE + "perMinute", String.valueOf(configured.brake().perMinute()));
    knobs.put(BRAKE + "engaged", String.valueOf(configured.brakeEngaged()));
    return knobs;
  }
}
