package com.retail.identity.command.core;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A customer chooses a new password with the token of a reset email ({@code PasswordChanged},
 * reason {@code reset}). The token works once: the new hash is written with the event, at the
 * version the token was read at, and that write clears the token; of two confirmations of one token
 * the second finds it gone. Every session ends, and the account's failed-login count starts over: a
 * reset always gets the owner back in.
 */
public final class ResetPassword {
  static final String REASON = "reset";

  public record Command(String token, String newPassword) {
    @Override
    public String toString() {
      return "ResetPassword.Command[redacted]";
    }
  }

  private final RegistrationRules rules;
  private final AccountContacts contacts;
  private final AccountWrites accounts;
  private final SpendOneTimeToken spendToken;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final SessionEnds sessionEnds;
  private final LoginThrottle throttle;
  private final Clock clock;

  public ResetPassword(
      RegistrationRules rules,
      AccountContacts contacts,
      AccountWrites accounts,
      SpendOneTimeToken spendToken,
      PasswordHashes hashes,
      HashingPool pool,
      SessionEnds sessionEnds,
      LoginThrottle throttle,
      Clock clock) {
    this.rules = rules;
    this.contacts = contacts;
    this.accounts = accounts;
    this.spendToken = spendToken;
    this.hashes = hashes;
    this.pool = pool;
    this.sessionEnds = sessionEnds;
    this.throttle = throttle;
    this.clock = clock;
  }

  public void reset(Command command, String correlationId) {
    List<FieldViolation> errors = RegistrationRules.errors();
    if (command.token() == null || command.token().isBlank()) {
      errors.add(new FieldViolation("token", "must not be empty"));
    }
    rules.password("newPassword", command.newPassword(), RegistrationRules.OwnWords.NONE, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    // Checked against the account's own words and hashed once, even when a race makes the write
    // go again (the stream read and the hash are the costly parts).
    String[] newHash = {null};
    spendToken.spend(
        command.token(),
        OneTimeTokens.Purpose.PASSWORD_RESET,
        credential -> {
          UUID userId = credential.userId();
          if (newHash[0] == null) {
            rules.ownWords(
                "newPassword",
                command.newPassword(),
                contacts
                    .of(userId)
                    .map(AccountContacts.Contact::ownWords)
                    .orElseThrow(InvalidOneTimeToken::new),
                errors);
            if (!errors.isEmpty()) {
              throw new InvalidInput(errors);
            }
            newHash[0] = pool.run(() -> hashes.hash(command.newPassword()));
          }
          sessionEnds.endAllBut(userId, null);
          accounts.append(
              credential,
              credential.streamVersion(),
              new UserEvents.PasswordChanged(clock.instant(), REASON).toEvent(),
              new Credentials.Change.NewPasswordHash(newHash[0]),
              correlationId);
          throttle.succeeded(credential.emailKey());
          return null;
        });
  }
}
