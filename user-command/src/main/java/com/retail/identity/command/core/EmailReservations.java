package com.retail.identity.command.core;

import java.util.Optional;
import java.util.UUID;

/** Strongly consistent ownership of email addresses (by lookup key). */
public interface EmailReservations {
  /** What {@link #reserve} found. */
  enum Reservation {
    /** The key was free (or abandoned by another user) and is now this user's, pending. */
    RESERVED,
    /**
     * This user already held the key: an earlier attempt of the same registration took it (only a
     * registration that derives its user id from the app's retry key can meet this).
     */
    ALREADY_HELD,
    /** Another user holds the key. */
    TAKEN
  }

  /** Takes the key for the user, unless another user holds it. */
  Reservation reserve(String emailKey, UUID userId);

  /**
   * Marks a reservation as backing a registered user.
   *
   * @throws RegistrationInterrupted when the user no longer holds it (the reaper took it back)
   */
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
