package com.retail.identity.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the time-ordered log that projections tail: it names an event that the user's stream
 * may hold. The entry is written before the stream, so it can name an event whose append then
 * failed; a reader takes the event itself, and whether it exists, from the stream.
 */
public record LogEntry(UUID eventId, UUID userId, long seq) {
  /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
  private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

  /** The time of the event id (a version 1 UUID). */
  public Instant occurredAt() {
    return timeOf(eventId);
  }

  /** The time of a version 1 (time-based) UUID, to the millisecond. */
  public static Instant timeOf(UUID timeBased) {
    return Instant.ofEpochMilli((timeBased.timestamp() - UUID_EPOCH_OFFSET) / 10_000);
  }
}
