package com.retail.identity.command.core;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens, stored only as hashes. A login starts a family; each refresh rotates the
 * token; presenting an already-rotated token revokes the whole family (it was stolen or replayed).
 */
public interface RefreshTokens {
  /** The outcome of presenting a refresh token. */
  sealed interface Rotation permits Rotated, Refused {}

  /** {@code scope}: what the customer granted the app of this session (null for the JSON login). */
  record Rotated(UUID userId, UUID familyId, String refreshToken, String scope)
      implements Rotation {
    @Override
    public String toString() {
      return "Rotated[userId=" + userId + ", familyId=" + familyId + "]";
    }
  }

  /** Unknown, expired, revoked, or reused (in which case the family is now revoked). */
  record Refused(boolean reuseDetected) implements Rotation {}

  /** Starts a family for a new JSON login; returns its first token. */
  default String startFamily(UUID userId, UUID familyId) {
    return startFamily(userId, familyId, null, null);
  }

  /**
   * Starts the family of a session the app {@code clientId} started through OpenID Connect with
   * this scope: its tokens rotate only for that app.
   */
  String startFamily(UUID userId, UUID familyId, String scope, String clientId);

  /** The family of a refresh token that has not expired (rotated or not), for its revocation. */
  Optional<UUID> familyOf(String refreshToken);

  /** Rotation of a JSON login's token. */
  default Rotation rotate(String refreshToken) {
    return rotate(refreshToken, null);
  }

  /**
   * Rotation for the app {@code clientId} (null: the JSON login): a token of another app's family
   * is refused as unknown (RFC 6749 §6), without spending it.
   */
  Rotation rotate(String refreshToken, String clientId);

  void revokeFamily(UUID familyId);

  /**
   * Revokes every family of the user but {@code keep} (null: all); returns the families revoked,
   * those revoked before included.
   */
  List<UUID> revokeAll(UUID userId, UUID keep);
}
