package com.retail.identity.readmodel.core;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The projector's settings. {@code settleMillis}: how long the tail of the log is re-read on every
 * pass, because an event's log row lands after its time-based id was drawn (after the stream's
 * lightweight transaction); rows later than that wait for the sweep of the late window.
 *
 * <p>The projector's settings, read on every use so operators can turn them at runtime (Archaius
 * knobs in the service; constants in tests).
 */
public record ProjectionTuning(
    IntSupplier pollMillis,
    IntSupplier batchSize,
    IntSupplier lateWindowSeconds,
    IntSupplier sweepSeconds,
    IntSupplier settleMillis,
    IntSupplier leaseSeconds,
    BooleanSupplier paused) {

  /** Fixed settings that trust the log up to now (no settle time): replays and tests. */
  public static ProjectionTuning fixed(
      int pollMillis, int batchSize, int lateWindowSeconds, int sweepSeconds, int leaseSeconds) {
    return fixed(pollMillis, batchSize, lateWindowSeconds, sweepSeconds, 0, leaseSeconds);
  }

  public static ProjectionTuning fixed(
      int pollMillis,
      int batchSize,
      int lateWindowSeconds,
      int sweepSeconds,
      int settleMillis,
      int leaseSeconds) {
    return new ProjectionTuning(
        () -> pollMillis,
        () -> batchSize,
        () -> lateWindowSeconds,
        () -> sweepSeconds,
        () -> settleMillis,
        () -> leaseSeconds,
        () -> false);
  }
}
