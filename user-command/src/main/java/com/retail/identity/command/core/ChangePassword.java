package com.retail.identity.command.core;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.faults.CrashPoints;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A customer changes their password, proving the current one ({@code PasswordChanged}, with the new
 * hash in the same write). Every other session of the account ends; the one that asked goes on.
 */
public final class ChangePassword {
  /** Between ending the other sessions and the event of a password change. */
  public static final String AFTER_SESSIONS = "password:after-sessions";

  /**
   * {@code currentSession} is the session that asks (kept), null for none; {@code expectedVersion}
   * as If-Match.
   */
  public record Command(
      UUID userId,
      UUID currentSession,
      String currentPassword,
      String newPassword,
      Long expectedVersion) {
    @Override
    public String toString() {
      return "ChangePassword.Command[userId=" + userId + "]";
    }
  }

  public record Changed(UUID userId, long version) {}

  private final RegistrationRules rules;
  private final AccountContacts contacts;
  private final AccountWrites accounts;
  private final RecentProof recentProof;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final SessionEnds sessionEnds;
  private final Clock clock;

  public ChangePassword(
      RegistrationRules rules,
      AccountContacts contacts,
      AccountWrites accounts,
      RecentProof recentProof,
      PasswordHashes hashes,
      HashingPool pool,
      SessionEnds sessionEnds,
      Clock clock) {
    this.rules = rules;
    this.contacts = contacts;
    this.accounts = accounts;
    this.recentProof = recentProof;
    this.hashes = hashes;
    this.pool = pool;
    this.sessionEnds = sessionEnds;
    this.clock = clock;
  }

  public Changed change(Command command, String correlationId) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.password("newPassword", command.newPassword(), RegistrationRules.OwnWords.NONE, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    UUID userId = command.userId();
    Credentials.Credential credential = accounts.live(userId);
    recentProof.check(credential, new Proof.CurrentPassword(command.currentPassword()));
    // The customer's own words (address, names) are sealed in the log: read once the proof holds.
    rules.ownWords("newPassword", command.newPassword(), ownWordsOf(userId), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    String newHash = pool.run(() -> hashes.hash(command.newPassword()));
    // The other sessions end first: a change that fails after this logs the other devices out for
    // nothing, but one that is made can never leave them signed in.
    sessionEnds.endAllBut(userId, command.currentSession());
    CrashPoints.reached(AFTER_SESSIONS);
    long version =
        accounts.append(
            credential,
            command.expectedVersion(),
            new UserEvents.PasswordChanged(clock.instant(), "changed").toEvent(),
            new Credentials.Change.NewPasswordHash(newHash),
            correlationId);
    return new Changed(userId, version);
  }

  private RegistrationRules.OwnWords ownWordsOf(UUID userId) {
    return contacts
        .of(userId)
        .map(AccountContacts.Contact::ownWords)
        .orElseThrow(AccountWrites::noSuchUser);
  }
}
