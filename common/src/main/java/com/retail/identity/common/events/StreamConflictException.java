package com.retail.identity.common.events;

import java.util.UUID;

/** Another writer appended to the stream first: re-read and decide again, never overwrite. */
public final class StreamConflictException extends RuntimeException {
  private final UUID userId;
  private final long expectedSeq;

  public StreamConflictException(UUID userId, long expectedSeq) {
    super("stream " + userId + " is past sequence " + expectedSeq, null, false, false);
    this.userId = userId;
    this.expectedSeq = expectedSeq;
  }

  public UUID userId() {
    return userId;
  }

  public long expectedSeq() {
    return expectedSeq;
  }
}
