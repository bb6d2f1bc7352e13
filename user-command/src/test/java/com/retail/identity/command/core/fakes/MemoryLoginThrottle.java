package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Consecutive failures per email key and the time before which no guess is checked, on the test
 * clock.
 */
public final class MemoryLoginThrottle implements LoginThrottle {
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Instant> nextTry = new HashMap<>();
  private final Clock clock;
  private int writes;

  public MemoryLoginThrottle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Standing standing(String emailKey) {
    Instant next = nextTry.get(emailKey);
    Optional<Duration> wait =
        next == null || !next.isAfter(clock.instant())
            ? Optional.empty()
            : Optional.of(Duration.between(clock.instant(), next));
    return new Standing(wait, failures.getOrDefault(emailKey, 0));
  }

  @Override
  public synchronized void failed(String emailKey) {
    writes++;
    Duration wait = LoginThrottle.waitAfter(failures.merge(emailKey, 1, Integer::sum));
    if (!wait.isZero()) {
      nextTry.put(emailKey, clock.instant().plus(wait));
    }
  }

  @Override
  public synchronized void succeeded(String emailKey) {
    writes++;
    failures.remove(emailKey);
    nextTry.remove(emailKey);
  }

  /** How many times the counters were written (each a store round trip in the real adapter). */
  public synchronized int writes() {
    return writes;
  }
}
