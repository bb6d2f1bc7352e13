package com.retail.identity.query.core;

import java.time.Instant;
import java.util.UUID;

/** Time of a log position (a version 1, time-based UUID). */
public final class LogPositions {
  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  private LogPositions() {}

  public static Instant timeOf(UUID timeBased) {
    return Instant.ofEpochMilli((timeBased.timestamp() - UUID_EPOCH_OFFSET) / 10_000);
  }
}
