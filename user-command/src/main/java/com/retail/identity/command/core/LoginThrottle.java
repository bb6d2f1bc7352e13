package com.retail.identity.command.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-account throttling of password guesses (NIST SP 800-63B 5.2.2), keyed by the email lookup key
 * so unknown emails are throttled exactly like real ones (nothing to learn from a 429).
 */
public interface LoginThrottle {
  /** Free from the 5th consecutive failure on, the wait doubles from 1 s up to 15 min. */
  int FREE_FAILURES = 4;

  Duration FIRST_WAIT = Duration.ofSeconds(1);
  Duration LONGEST_WAIT = Duration.ofMinutes(15);

  /**
   * From this many consecutive failures on, a guess is checked only with a solved proof-of-work
   * challenge: a guess without one is refused before the password is looked at and does not count,
   * so a stranger who does not pay for every guess cannot push the account to {@link
   * #MAX_FAILURES}, and its owner gets in with one challenge (ADR 0004).
   */
  int CHALLENGE_AFTER = 10;

  /** Never more than this many consecutive failures are accepted: then the account stays closed. */
  int MAX_FAILURES = 100;

  /** Where an account stands: how long the next guess must wait, and the failures so far. */
  record Standing(Optional<Duration> nextTryIn, long failures) {
    public static final Standing CLEAR = new Standing(Optional.empty(), 0);

    public boolean challengeRequired() {
      return failures >= CHALLENGE_AFTER;
    }
  }

  Standing standing(String emailKey);

  void failed(String emailKey);

  void succeeded(String emailKey);

  /** The wait after {@code failures} consecutive failures: pure policy, shared by every adapter. */
  static Duration waitAfter(int failures) {
    if (failures <= FREE_FAILURES) {
      return Duration.ZERO;
    }
    if (failures >= MAX_FAILURES) {
      return Duration.ofDays(365);
    }
    int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
    Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }
}
