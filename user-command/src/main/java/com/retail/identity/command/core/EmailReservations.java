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

  /**
   * Notes an erasure before its first write, so the reservation reaper finishes it (data key,
   * sessions, this key) even if the instance dies half way.
   */
  void noteErasure(String emailKey, UUID userId);

  /** The user holding a confirmed reservation. */
  Optional<UUID> ownerOf(String emailKey);
}
