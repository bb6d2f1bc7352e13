package com.retail.identity.query.core;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The projector's settings, read on every use so operators can turn them at runtime (Archaius knobs
 * in the service; constants in tests).
 */
public record ProjectionTuning(
    IntSupplier pollMillis,
    IntSupplier batchSize,
    IntSupplier lateWindowSeconds,
    IntSupplier sweepSeconds,
    IntSupplier leaseSeconds,
    BooleanSupplier paused) {

  public static ProjectionTuning fixed(int pollMillis, int batchSize, int lateWindowSeconds, int sweepSeconds,
      int leaseSeconds) {
    return new ProjectionTuning(() -> pollMillis, () -> batchSize, () -> lateWindowSeconds, () -> sweepSeconds,
        () -> leaseSeconds, () -> false);
  }
}
