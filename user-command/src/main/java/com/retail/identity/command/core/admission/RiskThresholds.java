package com.retail.identity.command.core.admission;

import java.time.Duration;

/**
 * When the login signals of one client address make it risky (ADR 0202).
 *
 * @param failureRatio risky when failures reach this share of the attempts ...
 * @param minAttempts ... and there were at least this many (at least 1)
 * @param maxAccountsPerAddress risky when more distinct accounts were tried (0: never)
 * @param windowSeconds the signals count over this window and the one before (at least 10)
 */
public record RiskThresholds(
    double failureRatio, int minAttempts, int maxAccountsPerAddress, int windowSeconds) {
  public static final RiskThresholds DEFAULTS = new RiskThresholds(0.5, 20, 10, 300);

  /** The number of the signal window {@code epochMillis} falls in. */
  public long windowAt(long epochMillis) {
    return epochMillis / (effectiveWindowSeconds() * 1000L);
  }

  /** How long the counts of one window are kept: until the window after it has passed. */
  public Duration keep() {
    return Duration.ofMillis(effectiveWindowSeconds() * 2000L);
  }

  int effectiveMinAttempts() {
    return Math.max(1, minAttempts);
  }

  private int effectiveWindowSeconds() {
    return Math.max(10, windowSeconds);
  }
}
