package com.retail.identity.query.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** Time and order of log positions (version 1, time-based UUIDs). */
public final class LogPositions {
  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  /**
   * The order Cassandra gives timeuuids: by timestamp, then the low 64 bits as signed bytes. Readers
   * that merge several partitions must agree with it, or a page cut between two ids of one
   * timestamp could skip an entry.
   */
  public static final Comparator<UUID> ORDER = Comparator.<UUID>comparingLong(UUID::timestamp)
      .thenComparing((a, b) -> Long.compareUnsigned(a.getLeastSignificantBits() ^ 0x8080808080808080L,
          b.getLeastSignificantBits() ^ 0x8080808080808080L));

  private LogPositions() {}

  public static Instant timeOf(UUID timeBased) {
    return Instant.ofEpochMilli((timeBased.timestamp() - UUID_EPOCH_OFFSET) / 10_000);
  }
}
