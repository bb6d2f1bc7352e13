package com.retail.identity.command.core;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The pending one-time tokens of an account (password reset, email verification): the hash of each
 * one's secret, beside the credential, living no longer than its purpose allows. A newer one of a
 * purpose replaces the older; the write that uses a token clears it in that same write (a new
 * password hash clears the reset, {@code EmailVerified} the verification), so a token works once.
 */
public interface OneTimeTokens {
  enum Purpose {
    PASSWORD_RESET(Duration.ofMinutes(30)),
    EMAIL_VERIFICATION(Duration.ofHours(24));

    private final Duration life;

    Purpose(Duration life) {
      this.life = life;
    }

    public Duration life() {
      return life;
    }
  }

  /** Stores the pending token; false when the account is erased or unknown (nothing stored). */
  boolean issue(Purpose purpose, UUID userId, String secretHash);

  /** The secret hash of the pending token of this purpose, if one is pending and not expired. */
  Optional<String> pending(Purpose purpose, UUID userId);
}
