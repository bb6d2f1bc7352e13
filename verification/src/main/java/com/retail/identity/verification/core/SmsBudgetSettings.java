package com.retail.identity.verification.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * SMS pumping brakes: a send budget per destination country, and a global brake on all sends
 * together that engages when they exceed their own budget (a spike) or when an operator engages it.
 * Operators turn these without a restart ({@code SmsBudgetKnobs}); the service's YAML ({@code
 * smsBudgets}) may set them for an environment. Every default is written here once.
 *
 * @param perCountry the budget of every destination country that {@code countries} does not list
 * @param countries budgets of single countries, by ISO 3166 region code
 * @param brake the budget of all sends together
 * @param brakeEngaged true: no code is sent at all
 */
public record SmsBudgetSettings(
    @Valid @NotNull Budget perCountry,
    @NotNull Map<@Pattern(regexp = "[A-Z]{2}") String, @Valid @NotNull Budget> countries,
    @Valid @NotNull Budget brake,
    boolean brakeEngaged) {

  public static final SmsBudgetSettings DEFAULTS =
      new SmsBudgetSettings(new Budget(120, 120), Map.of(), new Budget(3000, 3000), false);

  /**
   * A token bucket: {@code burst} sends at once, refilled at {@code perMinute}; 0 in either stops
   * those sends.
   */
  public record Budget(
      @JsonProperty(required = true) @Min(0) int burst,
      @JsonProperty(required = true) @Min(0) int perMinute) {}

  public SmsBudgetSettings {
    countries =
        countries == null
            ? Map.of()
            : countries.entrySet().stream()
                .collect(
                    Collectors.toUnmodifiableMap(
                        e -> e.getKey().toUpperCase(Locale.ROOT),
                        e ->
                            Objects.requireNonNull(
                                e.getValue(),
                                () -> "countries." + e.getKey() + " needs burst and perMinute"),
                        (a, b) -> b));
  }

  /** From YAML: a key left out keeps its default. */
  @JsonCreator
  static SmsBudgetSettings of(
      @JsonProperty("perCountry") Budget perCountry,
      @JsonProperty("countries") Map<String, Budget> countries,
      @JsonProperty("brake") Budget brake,
      @JsonProperty("brakeEngaged") Boolean brakeEngaged) {
    return new SmsBudgetSettings(
        Objects.requireNonNullElse(perCountry, DEFAULTS.perCountry),
        Objects.requireNonNullElse(countries, DEFAULTS.countries),
        Objects.requireNonNullElse(brake, DEFAULTS.brake),
        Objects.requireNonNullElse(brakeEngaged, DEFAULTS.brakeEngaged));
  }

  /** The budget of sends to one region (ISO 3166 code, any case). */
  public Budget country(String region) {
    return countries.getOrDefault(region.toUpperCase(Locale.ROOT), perCountry);
  }

  public SmsBudgetSettings withCountry(String region, Budget budget) {
    Map<String, Budget> changed = new HashMap<>(countries);
    changed.put(region.toUpperCase(Locale.ROOT), budget);
    return new SmsBudgetSettings(perCountry, changed, brake, brakeEngaged);
  }

  public SmsBudgetSettings withBrakeEngaged(boolean engaged) {
    return new SmsBudgetSettings(perCountry, countries, brake, engaged);
  }
}
