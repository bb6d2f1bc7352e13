package com.retail.identity.command.core;

import java.util.List;
import java.util.UUID;

/**
 * Opaque refresh tokens, stored only as hashes. A login starts a family; each refresh rotates the
 * token; presenting an already-rotated token revokes the whole family (it was stolen or replayed).
 */
public interface RefreshTokens {
  /** The outcome of presenting a refresh token. */
  sealed interface Rotation permits Rotated, Refused {}

  record Rotated(UUID userId, UUID familyId, String refreshToken) implements Rotation {
    @Override
    public String toString() {
      return "Rotated[userId=" + userId + ", familyId=" + familyId + "]";
    }
  }

  /** Unknown, expired, revoked, or reused (in which case the family is now revoked). */
  record Refused(boolean reuseDetected) implements Rotation {}

  /** Starts a family for a new login; returns its first token. */
  String startFamily(UUID userId, UUID familyId);

  Rotation rotate(String refreshToken);

  void revokeFamily(UUID familyId);

  /**
   * Revokes every family of the user but {@code keep} (null: all); returns the families revoked,
   * those revoked before included.
   */
  List<UUID> revokeAll(UUID userId, UUID keep);
}
