package com.retail.identity.command.core;

import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.UUID;

/**
 * The customer opens the emailed verification link: {@code EmailVerified}, in the write that clears
 * the token ({@link SpendOneTimeToken}).
 */
public final class VerifyEmail {

  public record Command(String token) {
    @Override
    public String toString() {
      return "VerifyEmail.Command[redacted]";
    }
  }

  public record Verified(UUID userId, long version) {}

  private final AccountWrites accounts;
  private final SpendOneTimeToken spendToken;
  private final Clock clock;

  public VerifyEmail(AccountWrites accounts, SpendOneTimeToken spendToken, Clock clock) {
    this.accounts = accounts;
    this.spendToken = spendToken;
    this.clock = clock;
  }

  public Verified verify(Command command, String correlationId) {
    if (command.token() == null || command.token().isBlank()) {
      throw InvalidInput.of("token", "must not be empty");
    }
    return spendToken.spend(
        command.token(),
        EmailVerification.PURPOSE,
        credential ->
            new Verified(
                credential.userId(),
                accounts.append(
                    credential,
                    credential.streamVersion(),
                    new UserEvents.EmailVerified(clock.instant()).toEvent(),
                    new Credentials.Change.EmailVerified(),
                    correlationId)));
  }
}
