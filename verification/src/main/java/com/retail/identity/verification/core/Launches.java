package com.retail.identity.verification.core;

import java.time.Duration;
import java.util.Optional;

/** Launch definitions (reference data). */
public interface Launches {
  /**
   * @param maxAccountsPerPhone null: {@link EligibilitySettings#maxAccountsPerPhone()}
   * @param requiresVerifiedPhone false: no phone rule at all (reference data's {@code
   *     requiresVerifiedPhone})
   */
  record Launch(
      String launchId,
      Duration minAccountAge,
      Integer maxAccountsPerPhone,
      boolean requiresVerifiedPhone) {}

  Optional<Launch> find(String launchId);
}
