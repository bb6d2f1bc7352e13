package com.retail.identity.command.core;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import java.util.Optional;

/**
 * Password login on the credential snapshot. Unknown email and wrong password look the same
 * from outside: one 401 body, and an unknown email still pays for a hash.
 */
public final class LogIn {
  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final Credentials credentials;
  private final PasswordHasher hasher;
  private final String dummyHash;

  public LogIn(EmailKeys emailKeys, EmailReservations reservations, Credentials credentials, PasswordHasher hasher) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.credentials = credentials;
    this.hasher = hasher;
    this.dummyHash = hasher.hash("not-a-real-password-0".toCharArray());
  }

  public Credentials.Credential authenticate(String email, String password) {
    Optional<Credentials.Credential> credential = reservations.ownerOf(emailKeys.keyOf(email))
        .flatMap(credentials::find);
    String hash = credential.map(Credentials.Credential::passwordHash).orElse(dummyHash);
    boolean matches = hasher.verify(hash, password.toCharArray());
    if (credential.isEmpty() || !matches) {
      throw invalidCredentials();
    }
    return credential.get();
  }

  public static ProblemException invalidCredentials() {
    return new ProblemException(Problem.of("invalid-credentials", "Invalid credentials", 401,
        "The email or password is incorrect."));
  }
}
