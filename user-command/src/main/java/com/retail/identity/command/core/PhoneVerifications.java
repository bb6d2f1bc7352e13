package com.retail.identity.command.core;

import java.util.UUID;

/**
 * The verification service's SMS codes, asked for on a customer's behalf by a hosted page. Only
 * verification sends SMS and proves phones (it holds the SMS budget, the codes and the phone
 * record, ADR 0201); a proven phone reaches the account as its {@code PhoneVerified} event.
 */
public interface PhoneVerifications {
  /** Why verification did not do what was asked. */
  enum Refusal {
    /** Not a phone number. */
    INVALID_PHONE,
    /** A number, but not a mobile phone. */
    NOT_MOBILE,
    /** Asked again too soon, or the day's codes are used up. */
    TOO_SOON,
    /** The code is not the one sent. */
    WRONG_CODE,
    /** The code expired, or too many wrong ones were tried: start again. */
    START_AGAIN,
    /** Verification could not be reached or is overloaded. */
    UNAVAILABLE
  }

  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    public Refused(Refusal refusal) {
      super(refusal.name(), null, false, false);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /**
   * Sends a code by SMS to {@code phone} for the account.
   *
   * @return the verification's id
   * @throws Refused when no code was sent
   */
  String start(UUID userId, String phone, String language);

  /**
   * Proves the phone with the code the customer typed (a verification already proven counts).
   *
   * @throws Refused when the phone is not proven
   */
  void confirm(UUID userId, String verificationId, String code);
}
