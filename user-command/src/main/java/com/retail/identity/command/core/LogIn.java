package com.retail.identity.command.core;

import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Password login on the credential snapshot. Unknown email and wrong password look the same from
 * outside: one refusal ({@link InvalidCredentials}), an unknown email still pays for a hash, and
 * both are throttled alike. A legacy or outdated hash is replaced after a successful login.
 */
public final class LogIn {
  private static final java.util.UUID NO_ONE = new java.util.UUID(0, 0);
  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final Credentials credentials;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final LoginThrottle throttle;
  private final LoginActivity activity;
  private final Clock clock;

  public LogIn(
      EmailKeys emailKeys,
      EmailReservations reservations,
      Credentials credentials,
      PasswordHashes hashes,
      HashingPool pool,
      LoginThrottle throttle,
      LoginActivity activity,
      Clock clock) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.credentials = credentials;
    this.hashes = hashes;
    this.pool = pool;
    this.throttle = throttle;
    this.activity = activity;
    this.clock = clock;
    hashes.dummyHash(); // made at start, not on the first unknown email
  }

  public Credentials.Credential authenticate(String email, String password) {
    String emailKey = emailKeys.keyOf(email);
    Optional<Duration> wait = throttle.waitBeforeNextTry(emailKey);
    if (wait.isPresent()) {
      throw new LoginThrottled(wait.get());
    }
    // An unknown email reads a credential too (of an id nobody has) and verifies against a hash of
    // the current cost: the same store round trips and the same hashing work as a wrong password.
    Optional<Credentials.Credential> credential =
        credentials.find(reservations.ownerOf(emailKey).orElse(NO_ONE));
    String hash = credential.map(Credentials.Credential::passwordHash).orElseGet(hashes::dummyHash);
    boolean matches = pool.run(() -> hashes.verify(hash, password));
    if (credential.isEmpty() || !matches) {
      throttle.failed(emailKey);
      credential.ifPresent(
          c -> activity.record(c.userId(), new UserEvents.LoginFailed(clock.instant(), 0)));
      throw new InvalidCredentials();
    }
    Credentials.Credential found = credential.get();
    throttle.succeeded(emailKey);
    activity.record(found.userId(), new UserEvents.LoginSucceeded(clock.instant()));
    if (hashes.needsRehash(found.passwordHash())) {
      credentials.rehash(
          found.userId(), found.passwordHash(), pool.run(() -> hashes.hash(password)));
    }
    return found;
  }
}
