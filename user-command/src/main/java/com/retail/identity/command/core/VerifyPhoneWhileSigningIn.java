package com.retail.identity.command.core;

import java.util.UUID;

/**
 * The step an app asks for with {@code acr_values=}{@value #ACR}: before it gets its code, the
 * customer who signed in proves a mobile phone by SMS code, unless the account has one already
 * (launch purchases require one; the ID token then says so in {@code acr}).
 */
public final class VerifyPhoneWhileSigningIn {
  /** The authentication context class of a sign-in by an account with a verified mobile phone. */
  public static final String ACR = "urn:retail:acr:verified-phone";

  private final AccountContacts contacts;
  private final PhoneVerifications verifications;

  public VerifyPhoneWhileSigningIn(AccountContacts contacts, PhoneVerifications verifications) {
    this.contacts = contacts;
    this.verifications = verifications;
  }

  /** The account has no verified phone yet. */
  public boolean needed(UUID userId) {
    return contacts.of(userId).map(contact -> contact.verifiedPhone() == null).orElse(true);
  }

  /**
   * @see PhoneVerifications#start
   */
  public String sendCode(UUID userId, String phone, String language) {
    if (phone == null || phone.isBlank()) {
      throw new PhoneVerifications.Refused(PhoneVerifications.Refusal.INVALID_PHONE);
    }
    return verifications.start(userId, phone.strip(), language);
  }

  /**
   * @see PhoneVerifications#confirm
   */
  public void confirm(UUID userId, String verificationId, String code) {
    if (verificationId == null || code == null || code.isBlank()) {
      throw new PhoneVerifications.Refused(PhoneVerifications.Refusal.WRONG_CODE);
    }
    verifications.confirm(userId, verificationId, code.strip());
  }
}
