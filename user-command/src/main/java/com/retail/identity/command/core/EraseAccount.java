package com.retail.identity.command.core;

import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Erases an account everywhere: {@code UserErased} is appended with the credential's end
 * (projections delete their documents), then the {@link ErasureTail}: the tombstone, the data key
 * (every sealed value in the log becomes unreadable), all sessions, and the email free to register
 * again. Whatever step fails after the event, the customer's retry or the reservation reaper
 * finishes it, and no import writes the account back.
 */
public final class EraseAccount {
  /**
   * {@code expectedVersion} as If-Match: null erases whatever the current version is; {@code proof}
   * the owner's current password or an admin's act ({@link RecentProof}).
   */
  public record Command(UUID userId, Long expectedVersion, Proof proof) {}

  /** {@code version} is that of the {@code UserErased} event. */
  public record Erased(UUID userId, long version) {}

  private final AccountWrites accounts;
  private final RecentProof recentProof;
  private final EmailReservations reservations;
  private final ErasureTail tail;
  private final Auditor auditor;
  private final Clock clock;

  public EraseAccount(
      AccountWrites accounts,
      RecentProof recentProof,
      EmailReservations reservations,
      ErasureTail tail,
      Auditor auditor,
      Clock clock) {
    this.accounts = accounts;
    this.recentProof = recentProof;
    this.reservations = reservations;
    this.tail = tail;
    this.auditor = auditor;
    this.clock = clock;
  }

  public Erased erase(Command command, String correlationId) {
    UUID userId = command.userId();
    Credentials.Credential credential = accounts.live(userId);
    recentProof.check(credential, command.proof());
    if (command.proof() instanceof Proof.AdminAct admin) {
      auditor.record(admin.acting(), AuditAction.ERASE_ACCOUNT, userId.toString(), null);
    }
    reservations.noteErasure(credential.emailKey(), userId);
    Instant erasedAt = clock.instant();
    long version =
        accounts.append(
            credential,
            command.expectedVersion(),
            new UserEvents.UserErased(erasedAt).toEvent(),
            new Credentials.Change.Erased(),
            correlationId);
    // After the commit point (the event), so a refused erasure leaves no tombstone; the reaper runs
    // the tail again for an erasure that died before its end.
    tail.finish(userId, credential.emailKey(), erasedAt);
    return new Erased(userId, version);
  }
}
