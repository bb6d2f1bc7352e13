package com.retail.identity.command.core.admission;

import java.util.Optional;

/** Signals that could not be read (Redis down, signals failing closed) count as high risk. */
public final class UnknownLoginSignals implements ChallengeRule {
  public static final String REASON = "risk-unknown";

  @Override
  public Optional<String> reasonToChallenge(LoginSignals signals, AdmissionSettings settings) {
    return signals.known() ? Optional.empty() : Optional.of(REASON);
  }
}
