package com.retail.identity.common.store;

import com.datastax.driver.core.utils.UUIDs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Names the time bucket (partition) of the event log that an event falls in. Buckets are fixed
 * windows of the event id's timestamp, so a reader can walk them in order from any point.
 */
public final class LogBuckets {
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);
  private final long sizeMillis;

  public LogBuckets(Duration size) {
    if (size.toMinutes() < 1 || Duration.ofDays(1).toMinutes() % size.toMinutes() != 0) {
      throw new IllegalArgumentException("bucket size must be whole minutes that divide a day, was " + size);
    }
    this.sizeMillis = size.toMillis();
  }

  public String bucketOf(UUID timeBasedEventId) {
    return bucketAt(Instant.ofEpochMilli(UUIDs.unixTimestamp(timeBasedEventId)));
  }

  public String bucketAt(Instant instant) {
    return NAME.format(start(instant));
  }

  public Instant start(Instant instant) {
    long millis = instant.toEpochMilli();
    return Instant.ofEpochMilli(millis - Math.floorMod(millis, sizeMillis));
  }

  /** The bucket after the one {@code instant} falls in. */
  public Instant next(Instant instant) {
    return start(instant).plusMillis(sizeMillis);
  }
}
