package com.retail.identity.command.core.admission;

import java.util.Optional;

/** Credential stuffing: most logins from this address fail (OWASP OAT-008). */
public final class FailedLoginRatio implements ChallengeRule {
  public static final String REASON = "risk-failed-logins";

  @Override
  public Optional<String> reasonToChallenge(LoginSignals signals, AdmissionSettings settings) {
    RiskThresholds risk = settings.risk();
    boolean risky =
        signals.known()
            && signals.attempts() >= risk.effectiveMinAttempts()
            && signals.failures() >= risk.failureRatio() * signals.attempts();
    return risky ? Optional.of(REASON) : Optional.empty();
  }
}
