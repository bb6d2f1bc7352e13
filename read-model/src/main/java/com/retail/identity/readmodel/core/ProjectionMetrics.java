package com.retail.identity.readmodel.core;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A projection's metrics on the admin port ({@code /metrics}), named {@code projection.<name>.*}:
 * {@code lag} (ms from an event's time to its document being written, last 5 minutes; {@code
 * lag.1m}: the last minute), {@code projected} (versions written per second), {@code skipped}
 * (events already reflected: replays, the late-event window, a second instance), {@code failures}
 * (failed passes), and the gauges {@code leader} (1 on the instance holding the lease) and {@code
 * behindMillis} (how far the checkpoint is behind now).
 */
public final class ProjectionMetrics {
  private final Histogram lag;
  private final Histogram lagLastMinute;
  private final Meter projected;
  private final Meter skipped;
  private final Meter failures;
  private final MetricRegistry registry;
  private final String prefix;

  public ProjectionMetrics(MetricRegistry registry, String projection) {
    this.registry = registry;
    this.prefix = MetricRegistry.name("projection", projection);
    this.lag =
        registry.register(
            MetricRegistry.name(prefix, "lag"),
            new Histogram(new SlidingTimeWindowArrayReservoir(5, TimeUnit.MINUTES)));
    // The last minute alone: what a launch-day dashboard (and a one-minute benchmark) needs to see.
    this.lagLastMinute =
        registry.register(
            MetricRegistry.name(prefix, "lag", "1m"),
            new Histogram(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES)));
    this.projected = registry.meter(MetricRegistry.name(prefix, "projected"));
    this.skipped = registry.meter(MetricRegistry.name(prefix, "skipped"));
    this.failures = registry.meter(MetricRegistry.name(prefix, "failures"));
  }

  /** Gauges that read the projector's live state. */
  void bind(LongSupplier leader, LongSupplier behindMillis) {
    registry.gauge(MetricRegistry.name(prefix, "leader"), () -> (Gauge<Long>) leader::getAsLong);
    registry.gauge(
        MetricRegistry.name(prefix, "behindMillis"), () -> (Gauge<Long>) behindMillis::getAsLong);
  }

  void lag(long millis) {
    lag.update(Math.max(0, millis));
    lagLastMinute.update(Math.max(0, millis));
  }

  void projected(long versions) {
    if (versions > 0) {
      projected.mark(versions);
    }
  }

  void skipped(long events) {
    if (events > 0) {
      skipped.mark(events);
    }
  }

  void failure() {
    failures.mark();
  }

  public long projectedCount() {
    return projected.getCount();
  }

  public long skippedCount() {
    return skipped.getCount();
  }

  public long failureCount() {
    return failures.getCount();
  }

  public Histogram lagHistogram() {
    return lag;
  }
}
