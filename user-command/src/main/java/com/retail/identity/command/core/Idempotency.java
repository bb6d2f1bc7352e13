package com.retail.identity.command.core;

import java.util.Optional;

/** First responses to {@code Idempotency-Key}s, kept 24 hours. */
public interface Idempotency {
  record Stored(String requestHash, int status, String body, String location) {}

  /** Claims the key for this request; empty if claimed, else what the key already holds. */
  Optional<Stored> claim(String scopedKey, String requestHash);

  void complete(String scopedKey, String requestHash, int status, String body, String location);

  /** Gives the key up after a failure the caller should retry (5xx). */
  void abandon(String scopedKey);
}
