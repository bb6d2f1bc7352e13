package com.retail.identity.command.core;

import java.util.UUID;

/**
 * Sends a copy of an account message by SMS to the account's verified phone. Only the verification
 * service may send SMS (it holds the SMS budget and checks the phone is the one it verified for the
 * account), so this goes through it.
 */
public interface AccountSms {
  /**
   * @param phone the E.164 number of the account's last {@code PhoneVerified}
   * @param language the account's locale, or null
   * @throws NotSent when the message was not taken for delivery
   */
  void sendPasswordReset(
      UUID userId, String phone, String language, OneTimeToken token, long minutes);

  final class NotSent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotSent(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
