package com.retail.identity.command.core;

import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.faults.CrashPoints;
import java.time.Clock;
import java.util.UUID;

/**
 * Erases an account everywhere: {@code UserErased} is appended with the credential's end
 * (projections delete their documents), the data key is destroyed (every sealed value in the log
 * becomes unreadable), all sessions end, and the email is free to register again. The tombstone
 * comes right after the event: whatever step fails afterwards (the customer retries, the
 * reservation reaper finishes it), no import writes the account back.
 */
public final class EraseAccount {
  /** Crash points between the writes of an erasure (the event store adds its own). */
  public static final String AFTER_DATA_KEY = "erase:after-data-key";

  public static final String AFTER_SESSIONS = "erase:after-sessions";

  /** {@code expectedVersion} as If-Match: null erases whatever the current version is. */
  public record Command(UUID userId, Long expectedVersion) {}

  /** {@code version} is that of the {@code UserErased} event. */
  public record Erased(UUID userId, long version) {}

  private final AccountWrites accounts;
  private final EmailReservations reservations;
  private final ErasedEmails erasedEmails;
  private final DataKeys dataKeys;
  private final RefreshTokens refreshTokens;
  private final Clock clock;

  public EraseAccount(
      AccountWrites accounts,
      EmailReservations reservations,
      ErasedEmails erasedEmails,
      DataKeys dataKeys,
      RefreshTokens refreshTokens,
      Clock clock) {
    this.accounts = accounts;
    this.reservations = reservations;
    this.erasedEmails = erasedEmails;
    this.dataKeys = dataKeys;
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  public Erased erase(Command command, String correlationId) {
    UUID userId = command.userId();
    Credentials.Credential credential = accounts.live(userId);
    reservations.noteErasure(credential.emailKey(), userId);
    long version =
        accounts.append(
            credential,
            command.expectedVersion(),
            new UserEvents.UserErased(clock.instant()).toEvent(),
            new Credentials.Change.Erased(),
            correlationId);
    // After the commit point (the event), so a refused erasure leaves none; the reaper writes it
    // again for an erasure that died before this line.
    erasedEmails.record(credential.emailKey(), clock.instant());
    dataKeys.destroy(userId);
    CrashPoints.reached(AFTER_DATA_KEY);
    refreshTokens.revokeAll(userId, null);
    CrashPoints.reached(AFTER_SESSIONS);
    reservations.release(credential.emailKey(), userId);
    return new Erased(userId, version);
  }
}
