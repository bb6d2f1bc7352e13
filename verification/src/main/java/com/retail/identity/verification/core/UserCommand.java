package com.retail.identity.verification.core;

import java.util.UUID;

/** user-command's internal API: the user's stream gets {@code PhoneVerified} there, never here. */
public interface UserCommand {
  enum Recorded {
    RECORDED,
    UNKNOWN_USER
  }

  /**
   * Idempotent by {@code verificationId}.
   *
   * @throws Unavailable when user-command cannot be reached, fails, or refuses our service token
   */
  Recorded recordPhoneVerified(UUID userId, String verificationId, String e164);

  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
