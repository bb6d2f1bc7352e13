package com.retail.identity.command.core;

import java.util.Optional;
import java.util.UUID;

/** Strongly consistent ownership of email addresses (by lookup key). */
public interface EmailReservations {
  /** Takes the key for the user; false when another user holds it. */
  boolean reserve(String emailKey, UUID userId);

  /** Marks a reservation as backing a registered user. */
  void confirm(String emailKey, UUID userId);

  /** Gives the key back, only if this user still holds it. */
  void release(String emailKey, UUID userId);

  /** Who holds the key, confirmed or not (bulk import resumes its own pending reservations). */
  Optional<UUID> holderOf(String emailKey);

  /**
   * Confirms without the conditional check: only for a holder that cannot lose the key, i.e. a
   * bulk import confirming a reservation it took moments ago with a deterministic user id.
   */
  void confirmHeld(String emailKey);

  /** The user holding a confirmed reservation. */
  Optional<UUID> ownerOf(String emailKey);
}
