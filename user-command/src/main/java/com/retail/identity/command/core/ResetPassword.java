package com.retail.identity.command.core;

import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
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
  private static final int ATTEMPTS = 3;

  public record Command(String token, String newPassword) {
    @Override
    public String toString() {
      return "ResetPassword.Command[redacted]";
    }
  }

  private final RegistrationRules rules;
  private final AccountContacts contacts;
  private final AccountWrites accounts;
  private final OneTimeTokens tokens;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final SessionEnds sessionEnds;
  private final LoginThrottle throttle;
  private final Clock clock;

  public ResetPassword(
      RegistrationRules rules,
      AccountContacts contacts,
      AccountWrites accounts,
      OneTimeTokens tokens,
      PasswordHashes hashes,
      HashingPool pool,
      SessionEnds sessionEnds,
      LoginThrottle throttle,
      Clock clock) {
    this.rules = rules;
    this.contacts = contacts;
    this.accounts = accounts;
    this.tokens = tokens;
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
    OneTimeToken token = OneTimeToken.parse(command.token()).orElseThrow(InvalidOneTimeToken::new);
    UUID userId = token.userId();
    String newHash = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // The credential before the token: a token still pending after that read was not yet used at
      // the version read, so the write below, made at that version, is its only use.
      Credentials.Credential credential = liveOrInvalid(userId);
      if (!token.matches(
          tokens.pending(OneTimeTokens.Purpose.PASSWORD_RESET, userId).orElse(null))) {
        throw new InvalidOneTimeToken();
      }
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
      if (newHash == null) {
        String password = command.newPassword();
        newHash = pool.run(() -> hashes.hash(password));
      }
      sessionEnds.endAllBut(userId, null);
      try {
        accounts.append(
            credential,
            credential.streamVersion(),
            new UserEvents.PasswordChanged(clock.instant(), REASON).toEvent(),
            new Credentials.Change.NewPasswordHash(newHash),
            correlationId);
      } catch (StaleVersion raced) {
        continue; // another change landed first: read again, and the token may be gone
      }
      throttle.succeeded(credential.emailKey());
      return;
    }
    throw new Conflict("The account is being changed by another request; retry.");
  }

  private Credentials.Credential liveOrInvalid(UUID userId) {
    try {
      return accounts.live(userId);
    } catch (NotFound erasedOrUnknown) {
      throw new InvalidOneTimeToken();
    }
  }
}
