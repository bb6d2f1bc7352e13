package com.retail.identity.command.core;

import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.UUID;

/**
 * The customer opens the emailed verification link: {@code EmailVerified}, written at the version
 * the token was read at, in the same write that clears the token, so the token works once.
 */
public final class VerifyEmail {
  private static final int ATTEMPTS = 3;

  public record Command(String token) {
    @Override
    public String toString() {
      return "VerifyEmail.Command[redacted]";
    }
  }

  public record Verified(UUID userId, long version) {}

  private final AccountWrites accounts;
  private final OneTimeTokens tokens;
  private final Clock clock;

  public VerifyEmail(AccountWrites accounts, OneTimeTokens tokens, Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.clock = clock;
  }

  public Verified verify(Command command, String correlationId) {
    if (command.token() == null || command.token().isBlank()) {
      throw InvalidInput.of("token", "must not be empty");
    }
    OneTimeToken token = OneTimeToken.parse(command.token()).orElseThrow(InvalidOneTimeToken::new);
    UUID userId = token.userId();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // The credential before the token: see ResetPassword.
      Credentials.Credential credential;
      try {
        credential = accounts.live(userId);
      } catch (NotFound erasedOrUnknown) {
        throw new InvalidOneTimeToken();
      }
      if (!token.matches(tokens.pending(EmailVerification.PURPOSE, userId).orElse(null))) {
        throw new InvalidOneTimeToken();
      }
      try {
        long version =
            accounts.append(
                credential,
                credential.streamVersion(),
                new UserEvents.EmailVerified(clock.instant()).toEvent(),
                new Credentials.Change.EmailVerified(),
                correlationId);
        return new Verified(userId, version);
      } catch (StaleVersion raced) {
        // another change landed first: read again, and the token may be gone
      }
    }
    throw new Conflict("The account is being changed by another request; retry.");
  }
}
