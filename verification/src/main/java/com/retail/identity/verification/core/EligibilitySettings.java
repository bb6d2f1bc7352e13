package com.retail.identity.verification.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Objects;

/**
 * The launch-eligibility rules operators may turn without a restart ({@code EligibilityKnobs}); the
 * service's YAML ({@code eligibility}) may set them for an environment. Every default is written
 * here once.
 *
 * @param maxAccountsPerPhone accounts one verified phone may back, where the launch itself does not
 *     say
 * @param erasedPhoneHoldDays days an erased account still holds its verified phone
 *     (docs/adr/0007-erasure-is-final.md)
 * @param requireVerifiedEmail whether a launch purchase also needs the registered email address
 *     verified (off: the verified phone is the launch's gate)
 */
public record EligibilitySettings(
    @Min(1) @Max(1_000) int maxAccountsPerPhone,
    @Min(0) @Max(3_650) int erasedPhoneHoldDays,
    boolean requireVerifiedEmail) {

  public static final EligibilitySettings DEFAULTS = new EligibilitySettings(1, 30, false);

  public EligibilitySettings(int maxAccountsPerPhone, int erasedPhoneHoldDays) {
    this(maxAccountsPerPhone, erasedPhoneHoldDays, false);
  }

  /** From YAML: a key left out keeps its default. */
  @JsonCreator
  static EligibilitySettings of(
      @JsonProperty("maxAccountsPerPhone") Integer maxAccountsPerPhone,
      @JsonProperty("erasedPhoneHoldDays") Integer erasedPhoneHoldDays,
      @JsonProperty("requireVerifiedEmail") Boolean requireVerifiedEmail) {
    return new EligibilitySettings(
        Objects.requireNonNullElse(maxAccountsPerPhone, DEFAULTS.maxAccountsPerPhone),
        Objects.requireNonNullElse(erasedPhoneHoldDays, DEFAULTS.erasedPhoneHoldDays),
        Objects.requireNonNullElse(requireVerifiedEmail, DEFAULTS.requireVerifiedEmail));
  }

  public EligibilitySettings withErasedPhoneHoldDays(int days) {
    return new EligibilitySettings(maxAccountsPerPhone, days, requireVerifiedEmail);
  }

  public EligibilitySettings withMaxAccountsPerPhone(int accounts) {
    return new EligibilitySettings(accounts, erasedPhoneHoldDays, requireVerifiedEmail);
  }

  public EligibilitySettings withRequireVerifiedEmail(boolean required) {
    return new EligibilitySettings(maxAccountsPerPhone, erasedPhoneHoldDays, required);
  }
}
