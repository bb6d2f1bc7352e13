package com.retail.identity.command.core;

import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.faults.CrashPoints;
import java.time.Instant;
import java.util.UUID;

/**
 * What follows an account's end once its {@code UserErased} is written: the tombstone of its email,
 * the data key (every sealed value in the log becomes unreadable), every session, and the email
 * given back. Each step is idempotent, so an erasure that died half way is finished by running all
 * of it again ({@link ReservationReaper}).
 */
public final class ErasureTail {
  /** Crash points between the writes of an erasure (the event store adds its own). */
  public static final String AFTER_DATA_KEY = "erase:after-data-key";

  public static final String AFTER_SESSIONS = "erase:after-sessions";

  private final ErasedEmails erasedEmails;
  private final DataKeys dataKeys;
  private final SessionEnds sessionEnds;
  private final EmailReservations reservations;

  public ErasureTail(
      ErasedEmails erasedEmails,
      DataKeys dataKeys,
      SessionEnds sessionEnds,
      EmailReservations reservations) {
    this.erasedEmails = erasedEmails;
    this.dataKeys = dataKeys;
    this.sessionEnds = sessionEnds;
    this.reservations = reservations;
  }

  /** The whole tail of a customer's erasure: tombstone, access, email. */
  public void finish(UUID userId, String emailKey, Instant erasedAt) {
    // Tombstone first: whatever step fails afterwards, no import writes the account back.
    erasedEmails.record(emailKey, erasedAt);
    endAccess(userId);
    reservations.release(emailKey, userId);
  }

  /**
   * The data key and every session, without a tombstone: for an account that was never its
   * customer's (a registration that lost its email reservation).
   */
  public void endAccess(UUID userId) {
    dataKeys.destroy(userId);
    CrashPoints.reached(AFTER_DATA_KEY);
    sessionEnds.endAllBut(userId, null);
    CrashPoints.reached(AFTER_SESSIONS);
  }
}
