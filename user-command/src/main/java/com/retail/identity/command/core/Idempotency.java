package com.retail.identity.command.core;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** First responses to {@code Idempotency-Key}s, kept 24 hours. */
public interface Idempotency {
  record Stored(String requestHash, int status, String body, String location) {}

  /**
   * Claims the key for this attempt ({@code claimant}, new for every attempt); empty if claimed,
   * else what the key already holds.
   */
  Optional<Stored> claim(String scopedKey, String requestHash, UUID claimant);

  void complete(String scopedKey, String requestHash, int status, String body, String location);

  /**
   * Gives up this attempt's claim after a failure the caller should retry (5xx), without waiting
   * for the store: the answer goes out at once, and a retry that comes before the key is free gets
   * "in progress". A claim another attempt holds is left alone. If the store cannot take it, the
   * claim expires by itself. The stage completes when the store has answered.
   */
  CompletionStage<Void> abandon(String scopedKey, UUID claimant);
}
