package com.retail.identity.query;

import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicIntProperty;
import com.netflix.config.PropertyWrapper;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.readmodel.core.ProjectionTuning;
import com.retail.identity.readmodel.store.CouchbaseProfileWriter;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/** The read side's runtime knobs (Archaius; documented in the README's knob table). */
public final class ReadSideKnobs {
  public static final String PREFIX = "identity.query.";

  final DynamicIntProperty pollMillis = Knobs.intKnob(PREFIX + "projection.pollMillis", 200);
  final DynamicIntProperty batchSize = Knobs.intKnob(PREFIX + "projection.batchSize", 500);
  final DynamicIntProperty lateWindowSeconds =
      Knobs.intKnob(PREFIX + "projection.lateWindowSeconds", 10);
  final DynamicIntProperty sweepSeconds = Knobs.intKnob(PREFIX + "projection.sweepSeconds", 5);
  final DynamicIntProperty settleMillis = Knobs.intKnob(PREFIX + "projection.settleMillis", 1000);
  final DynamicIntProperty leaseSeconds = Knobs.intKnob(PREFIX + "projection.leaseSeconds", 10);
  final DynamicBooleanProperty paused = Knobs.booleanKnob(PREFIX + "projection.paused", false);
  final DynamicIntProperty maxLagSeconds = Knobs.intKnob(PREFIX + "projection.maxLagSeconds", 60);
  final DynamicIntProperty cacheTtlSeconds =
      Knobs.intKnob(PREFIX + "cache.ttlSeconds", CouchbaseProfileWriter.DEFAULT_TTL_SECONDS);
  final DynamicIntProperty minVersionWaitMillis =
      Knobs.intKnob(PREFIX + "minVersion.waitMillis", 1000);
  final DynamicIntProperty referenceCacheSeconds =
      Knobs.intKnob(PREFIX + "reference.cacheSeconds", 60);
  final DynamicIntProperty searchRetryAfterSeconds =
      Knobs.intKnob(PREFIX + "search.retryAfterSeconds", 5);

  ProjectionTuning tuning() {
    return new ProjectionTuning(
        () -> clamp(pollMillis.get(), 10, 10_000),
        () -> clamp(batchSize.get(), 1, 5_000),
        () -> clamp(lateWindowSeconds.get(), 0, 3_600),
        () -> clamp(sweepSeconds.get(), 1, 3_600),
        () -> clamp(settleMillis.get(), 0, 60_000),
        () -> clamp(leaseSeconds.get(), 2, 600),
        paused::get);
  }

  /**
   * Each knob (every knob field of this class) with its default (the README's knob table is checked
   * against this).
   */
  public static Map<String, String> knobs() {
    ReadSideKnobs knobs = new ReadSideKnobs();
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Field field : ReadSideKnobs.class.getDeclaredFields()) {
      if (PropertyWrapper.class.isAssignableFrom(field.getType())) {
        try {
          PropertyWrapper<?> knob = (PropertyWrapper<?>) field.get(knobs);
          defaults.put(knob.getName(), String.valueOf(knob.getDefaultValue()));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return defaults;
  }

  /** A mistyped knob must not stop the projector (0 ms polls, negative batches). */
  static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
