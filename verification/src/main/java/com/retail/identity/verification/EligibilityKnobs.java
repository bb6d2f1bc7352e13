package com.retail.identity.verification;

import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.verification.core.EligibilitySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The eligibility rules as operators turn them: Archaius knobs, read afresh for every check. A knob
 * no layer sets has the configured value ({@code eligibility} in the YAML, else {@link
 * EligibilitySettings#DEFAULTS}).
 */
public final class EligibilityKnobs implements Supplier<EligibilitySettings> {
  public static final String MAX_ACCOUNTS_PER_PHONE = "identity.launch.maxAccountsPerPhone";
  public static final String ERASED_PHONE_HOLD_DAYS = "identity.erasure.phoneHoldDays";
  public static final String REQUIRE_VERIFIED_EMAIL = "identity.launch.requireVerifiedEmail";

  private final DynamicIntProperty maxAccountsPerPhone;
  private final DynamicIntProperty erasedPhoneHoldDays;
  private final DynamicBooleanProperty requireVerifiedEmail;

  public EligibilityKnobs(EligibilitySettings configured) {
    maxAccountsPerPhone = Knobs.intKnob(MAX_ACCOUNTS_PER_PHONE, configured.maxAccountsPerPhone());
    erasedPhoneHoldDays = Knobs.intKnob(ERASED_PHONE_HOLD_DAYS, configured.erasedPhoneHoldDays());
    requireVerifiedEmail =
        Knobs.booleanKnob(REQUIRE_VERIFIED_EMAIL, configured.requireVerifiedEmail());
  }

  @Override
  public EligibilitySettings get() {
    return new EligibilitySettings(
        maxAccountsPerPhone.get(), erasedPhoneHoldDays.get(), requireVerifiedEmail.get());
  }

  /**
   * Each knob with the value it has while no layer sets it (the README's knob table is checked
   * against this).
   */
  public static Map<String, String> knobs(EligibilitySettings configured) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put(MAX_ACCOUNTS_PER_PHONE, String.valueOf(configured.maxAccountsPerPhone()));
    knobs.put(ERASED_PHONE_HOLD_DAYS, String.valueOf(configured.erasedPhoneHoldDays()));
    knobs.put(REQUIRE_VERIFIED_EMAIL, String.valueOf(configured.requireVerifiedEmail()));
    return knobs;
  }
}
