package com.retail.identity.command.core.admission;

import java.util.Optional;

/** During a launch every registration and login must carry a solved challenge. */
public final class LaunchMode implements ChallengeRule {
  public static final String REASON = "launch-mode";

  @Override
  public Optional<String> reasonToChallenge(LoginSignals signals, AdmissionSettings settings) {
    return settings.launchMode() ? Optional.of(REASON) : Optional.empty();
  }
}
