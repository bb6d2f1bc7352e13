package com.retail.identity.command.core;

import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The credential snapshot login reads instead of the user's stream. It lives beside the stream, so
 * every change of it is written in the same write as the event that records it: a password change
 * or an erasure is never half made (docs/adr/0106).
 */
public interface Credentials {
  record Credential(
      UUID userId, String emailKey, String passwordHash, Set<String> roles, long streamVersion) {
    @Override
    public String toString() {
      return "Credential[userId="
          + userId
          + ", roles="
          + roles
          + ", streamVersion="
          + streamVersion
          + "]";
    }
  }

  /** What an appended event changes in the credential. */
  sealed interface Change {
    /** Nothing: the event changes the profile only. */
    Change NONE = new None();

    record None() implements Change {}

    record NewPasswordHash(String passwordHash) implements Change {}

    /** The account is gone: login fails as for an unknown email. */
    record Erased() implements Change {}

    /** The registered address was proven: its pending verification token is used up. */
    record EmailVerified() implements Change {}

    /** Staff roles granted or revoked: {@code roles} is every role the account now holds. */
    record NewRoles(Set<String> roles) implements Change {}
  }

  Optional<Credential> find(UUID userId);

  /** A new account: its first events and its credential, in one write. */
  default List<StoredEvent> open(
      Credential credential, String correlationId, List<NewEvent> events) {
    return open(credential, correlationId, events, null);
  }

  /**
   * A new account, with the pending email verification ({@code verificationHash}, see {@link
   * OneTimeTokens}; null for none) in the same write.
   */
  List<StoredEvent> open(
      Credential credential, String correlationId, List<NewEvent> events, String verificationHash);

  /**
   * Events and the credential change they record, in one write, only when the stream is exactly at
   * {@code expectedVersion}.
   *
   * @throws com.retail.identity.common.events.StreamConflictException at any other version
   */
  List<StoredEvent> append(
      UUID userId,
      long expectedVersion,
      String correlationId,
      List<NewEvent> events,
      Change change);

  /** A hash of the same password at today's cost, unless the hash was changed meanwhile. */
  void rehash(UUID userId, String oldHash, String newHash);
}
