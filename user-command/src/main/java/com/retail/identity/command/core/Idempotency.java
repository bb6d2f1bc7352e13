package com.retail.identity.command.core;

import java.util.Optional;

/** First responses to {@code Idempotency-Key}s, kept 24 hours. */
public interface Idempotency {
  record Stored(String requestHash, int status, String body, String location) {}

  /** Claims the key for this request; empty if claimed, else what the key already holds. */
  Optional<Stored> claim(String scopedKey, String requestHash);

  void complete(String scopedKey, String requestHash, int status, String body, String location);

  /**
   * Gives the key up after a failure the caller should retry (5xx), without waiting for the store:
   * the answer goes out at once, and a retry that comes before the key is free gets "in progress".
   * If the store cannot take it, the claim expires by itself.
   */
  void abandon(String scopedKey);
}
