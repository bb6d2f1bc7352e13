package com.retail.identity.common.events;

import java.util.List;
import java.util.UUID;

/**
 * The event log: per-user streams with optimistic concurrency, plus a time-ordered log for
 * projections. Every stream is 1..n without gaps.
 */
public interface EventStore {
  /**
   * Appends events right after {@code expectedSeq} (0 for a new stream), all or nothing, and only
   * when the stream's version is exactly {@code expectedSeq}.
   *
   * @throws StreamConflictException when the stream's version is any other (a later one, or a value
   *     it never had, such as a negative one or one beyond its head)
   */
  List<StoredEvent> append(
      UUID userId, long expectedSeq, String correlationId, List<NewEvent> events);

  /**
   * Writes the first events of a stream without the conditional check, for bulk imports: only for a
   * user id the caller holds exclusively (a new id under its own email reservation). Rewriting the
   * same events is harmless: projections are idempotent by version.
   */
  List<StoredEvent> appendToNewStream(UUID userId, String correlationId, List<NewEvent> events);

  /** The sequence number of the user's last event; 0 when the stream is empty. */
  long currentVersion(UUID userId);

  /** The whole stream of one user, in sequence order. */
  List<StoredEvent> readStream(UUID userId);
}
