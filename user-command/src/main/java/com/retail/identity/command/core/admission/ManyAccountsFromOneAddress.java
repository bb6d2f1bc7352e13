package com.retail.identity.command.core.admission;

import java.util.Optional;

/** Credential stuffing: one address tries more distinct accounts than a household has. */
public final class ManyAccountsFromOneAddress implements ChallengeRule {
  public static final String REASON = "risk-many-accounts";

  @Override
  public Optional<String> reasonToChallenge(LoginSignals signals, AdmissionSettings settings) {
    int max = settings.risk().maxAccountsPerAddress();
    boolean risky = signals.known() && max > 0 && signals.accounts() > max;
    return risky ? Optional.of(REASON) : Optional.empty();
  }
}
