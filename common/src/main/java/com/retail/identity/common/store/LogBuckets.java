package com.retail.identity.common.store;

import com.datastax.driver.core.utils.UUIDs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Names the partition of a time-bucketed table that an entry falls in: a fixed window of the
 * entry's time-based id (so a reader can walk the buckets in order from any point) and, for the
 * event log, one of {@link #shards()} shards chosen by user id, so no partition holds more than
 * about 1/N of a bucket's entries and one user's entries share a partition (docs/adr/0103).
 */
public final class LogBuckets {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

  /** More shards than this would make every reader pass a fan-out of tiny queries. */
  public static final int MAX_SHARDS = 64;

  private final long sizeMillis;
  private final int shards;

  /** One shard per bucket: for the time-bucketed tables that are not the event log. */
  public LogBuckets(Duration size) {
    this(size, 1);
  }

  public LogBuckets(Duration size, int shards) {
    if (size.toMinutes() < 1 || Duration.ofDays(1).toMinutes() % size.toMinutes() != 0) {
      throw new IllegalArgumentException(
          "bucket size must be whole minutes that divide a day, was " + size);
    }
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("shards must be 1.." + MAX_SHARDS + ", was " + shards);
    }
    this.sizeMillis = size.toMillis();
    this.shards = shards;
  }

  /** How many shards each bucket of the event log is spread over; readers read all of them. */
  public int shards() {
    return shards;
  }

  /** The shard of a user's log entries: stable for the user, spread evenly over users. */
  public int shardOf(UUID userId) {
    return Math.floorMod(userId.hashCode(), shards);
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
