package com.retail.identity.readmodel.core;

import com.retail.identity.common.events.LogEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** Time and order of log positions (version 1, time-based UUIDs). */
public final class LogPositions {
  /**
   * The order Cassandra gives timeuuids: by timestamp, then the low 64 bits as signed bytes.
   * Readers that merge several partitions must agree with it, or a page cut between two ids of one
   * timestamp could skip an entry.
   */
  public static final Comparator<UUID> ORDER =
      Comparator.<UUID>comparingLong(UUID::timestamp)
          .thenComparing(
              (a, b) ->
                  Long.compareUnsigned(
                      a.getLeastSignificantBits() ^ 0x8080808080808080L,
                      b.getLeastSignificantBits() ^ 0x8080808080808080L));

  private LogPositions() {}

  public static Instant timeOf(UUID timeBased) {
    return LogEntry.timeOf(timeBased);
  }
}
