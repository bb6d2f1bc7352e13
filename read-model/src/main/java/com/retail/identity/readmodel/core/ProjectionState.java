package com.retail.identity.readmodel.core;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Where each projection stands and who runs it (port). The lease is a lightweight transaction with
 * a time-to-live: one holder at a time, handed over when the holder stops renewing it. Saving the
 * checkpoint is fenced by the lease and renews it.
 */
public interface ProjectionState {
  /**
   * Takes the lease when nobody holds it, or renews it when {@code owner} does; false when another
   * holds it.
   */
  boolean acquire(String projection, String owner, Duration ttl);

  /**
   * Saves the checkpoint and renews the lease, only while {@code owner} holds it; false when it
   * does not.
   */
  boolean save(String projection, String owner, UUID position, Duration ttl);

  /** Gives the lease up at once so another instance takes over without waiting for it to expire. */
  void release(String projection, String owner);

  Optional<UUID> checkpoint(String projection);
}
