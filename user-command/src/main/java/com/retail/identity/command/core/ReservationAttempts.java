package com.retail.identity.command.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the {@link ReservationReaper} reads and changes in the reservation store: every attempt to
 * reserve an email (noted before the reservation is taken), who holds a key now, and a removal that
 * only succeeds while the reservation is still pending for the same user.
 */
public interface ReservationAttempts {
  /**
   * An attempt to reserve, or ({@code erasure}) the start of an erasure that gives the key back.
   */
  record Attempt(String emailKey, UUID userId, Instant at, boolean erasure) {}

  record Holding(UUID userId, boolean pending, Instant reservedAt) {}

  /** Attempts made in {@code [from, to)}, oldest first. */
  List<Attempt> between(Instant from, Instant to);

  Optional<Holding> holding(String emailKey);

  /**
   * Deletes the reservation if {@code userId} still holds it pending; false when it was confirmed
   * or taken over.
   */
  boolean removePending(String emailKey, UUID userId);
}
