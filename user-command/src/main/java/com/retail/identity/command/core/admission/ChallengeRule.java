package com.retail.identity.command.core.admission;

import java.util.List;
import java.util.Optional;

/** A reason to demand a solved proof-of-work challenge before a request goes ahead. */
public interface ChallengeRule {
  /**
   * The reason (the metric segment and the decision's reason), or empty when this rule sees none.
   */
  Optional<String> reasonToChallenge(LoginSignals signals, AdmissionSettings settings);

  /** Every rule, in the order their reasons are reported. */
  static List<ChallengeRule> all() {
    return List.of(
        new LaunchMode(),
        new UnknownLoginSignals(),
        new FailedLoginRatio(),
        new ManyAccountsFromOneAddress());
  }
}
