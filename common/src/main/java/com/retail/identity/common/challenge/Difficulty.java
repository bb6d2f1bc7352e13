package com.retail.identity.common.challenge;

import com.netflix.config.DynamicIntProperty;
import com.netflix.config.DynamicLongProperty;
import com.netflix.config.DynamicStringProperty;
import com.retail.identity.common.config.Knobs;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How hard a challenge is: ALTCHA's {@code maxnumber} (a client tries maxnumber / 2 SHA-256 hashes
 * on average). The operators' floor {@value #DIFFICULTY} applies always; above it, the level rises
 * with traffic the way mCaptcha does it: a leaky-bucket counter of recent challenges ({@link
 * TrafficMeter}) is mapped through a ladder of (visitors, maxnumber) steps.
 */
public final class Difficulty {
  /** Knob: the minimum maxnumber of every challenge. */
  public static final String DIFFICULTY = "identity.challenge.difficulty";

  /**
   * Knob: the ladder, {@code visitors:maxnumber,...}; the highest step whose visitors the meter
   * reaches applies.
   */
  public static final String LEVELS = "identity.challenge.levels";

  /** Knob: the ceiling, so a runaway ladder never locks out slow phones. */
  public static final String MAX_DIFFICULTY = "identity.challenge.maxDifficulty";

  public static final int DEFAULT_DIFFICULTY = 50_000;
  public static final String DEFAULT_LEVELS = "0:50000,1000:100000,5000:250000,20000:1000000";
  public static final long DEFAULT_MAX_DIFFICULTY = 2_000_000;

  private final DynamicIntProperty floor = Knobs.intKnob(DIFFICULTY, DEFAULT_DIFFICULTY);
  private final DynamicStringProperty levels = Knobs.stringKnob(LEVELS, DEFAULT_LEVELS);
  private final DynamicLongProperty ceiling =
      Knobs.longKnob(MAX_DIFFICULTY, DEFAULT_MAX_DIFFICULTY);
  private volatile String parsedFrom;
  private volatile NavigableMap<Double, Long> ladder = parse(DEFAULT_LEVELS);

  /** The maxnumber for a challenge issued while the traffic meter reads {@code visitors}. */
  public long forTraffic(double visitors) {
    Map.Entry<Double, Long> step = ladder().floorEntry(visitors);
    long fromTraffic = step == null ? 0 : step.getValue();
    long value = Math.max(Math.max(1, floor.get()), fromTraffic);
    return Math.max(1, Math.min(value, Math.max(ceiling.get(), floor.get())));
  }

  private NavigableMap<Double, Long> ladder() {
    String current = levels.get();
    if (current != null && !current.equals(parsedFrom)) {
      try {
        ladder = parse(current);
      } catch (IllegalArgumentException e) {
        // A malformed knob keeps the last good ladder.
      }
      parsedFrom = current;
    }
    return ladder;
  }

  /** Parses {@code visitors:maxnumber,...}; throws on a malformed step. */
  public static NavigableMap<Double, Long> parse(String spec) {
    NavigableMap<Double, Long> steps = new TreeMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] pair = part.strip().split(":");
      if (pair.length != 2) {
        throw new IllegalArgumentException("ladder step '" + part + "' is not visitors:maxnumber");
      }
      steps.put(Double.parseDouble(pair[0].strip()), Long.parseLong(pair[1].strip()));
    }
    return steps;
  }
}
