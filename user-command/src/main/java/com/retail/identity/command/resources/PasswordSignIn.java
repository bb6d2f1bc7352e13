package com.retail.identity.command.resources;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.AdmissionRequest;

/**
 * A customer signs in with email and password, by the JSON login or the hosted sign-in page alike:
 * admission control decides first, then the password is checked, and the outcome feeds the
 * credential-stuffing signals.
 */
public final class PasswordSignIn {
  private final LogIn logIn;
  private final AdmissionGate admission;
  private final EmailKeys emailKeys;

  public PasswordSignIn(LogIn logIn, AdmissionGate admission, EmailKeys emailKeys) {
    this.logIn = logIn;
    this.admission = admission;
    this.emailKeys = emailKeys;
  }

  /** The JSON login: a refusal of admission control is thrown as its problem. */
  Credentials.Credential signIn(String email, String password, Origin origin) {
    AdmissionDecision admitted = admit(email, origin);
    AdmissionProblems.enforce(admitted);
    return authenticate(email, password, origin, admitted);
  }

  AdmissionDecision admit(String email, Origin origin) {
    return admission.decide(
        AdmissionRequest.login(
            origin.clientAddress(), origin.deviceId(), email, origin.challengeSolution()));
  }

  /** After {@code admitted} allowed the attempt. */
  Credentials.Credential authenticate(
      String email, String password, Origin origin, AdmissionDecision admitted) {
    LogIn.ChallengeAnswer answer =
        admitted.challengeSolved()
            ? new LogIn.ChallengeAnswer.CheckedByAdmission()
            : new LogIn.ChallengeAnswer.Offered(origin.challengeSolution());
    // The account is named by its keyed hash in the credential-stuffing signals, never by the
    // email.
    String accountKey = emailKeys.keyOf(email);
    try {
      Credentials.Credential credential = logIn.authenticate(email, password, answer);
      admission.recordLogin(origin.clientAddress(), accountKey, true);
      return credential;
    } catch (InvalidCredentials e) {
      admission.recordLogin(origin.clientAddress(), accountKey, false);
      throw e;
    }
  }
}
