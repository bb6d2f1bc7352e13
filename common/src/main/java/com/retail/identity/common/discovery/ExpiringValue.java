package com.retail.identity.common.discovery;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * A value fetched from another service and kept until a deadline the fetch chooses (a token until
 * shortly before it expires, a key set for a while). Readers never wait while the value is valid;
 * one caller at a time fetches a new one.
 */
public final class ExpiringValue<T> {
  /** What a fetch returns: the value and when to fetch again. */
  public record Fetched<T>(T value, Instant validUntil) {}

  private final Clock clock;
  private volatile T value;
  private volatile Instant validUntil = Instant.EPOCH;

  public ExpiringValue(Clock clock) {
    this.clock = clock;
  }

  /**
   * The current value, or the one {@code fetch} returns when there is none or it has expired. The
   * fetch is given the expired value (or null), so it can keep serving it when the source is down.
   */
  public T get(Function<T, Fetched<T>> fetch) {
    T current = value;
    if (current != null && clock.instant().isBefore(validUntil)) {
      return current;
    }
    return refresh(fetch);
  }

  private synchronized T refresh(Function<T, Fetched<T>> fetch) {
    if (value != null && clock.instant().isBefore(validUntil)) {
      return value;
    }
    Fetched<T> fetched = fetch.apply(value);
    value = fetched.value();
    validUntil = fetched.validUntil();
    return value;
  }

  /**
   * Drops the value if it is still {@code rejected} (another caller may have replaced it already).
   */
  public synchronized void invalidate(T rejected) {
    if (rejected != null && rejected.equals(value)) {
      value = null;
      validUntil = Instant.EPOCH;
    }
  }
}
