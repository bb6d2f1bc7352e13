package com.retail.identity.command.core;

import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.common.challenge.SolutionCheck;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.Optional;

/**
 * Password login on the credential snapshot. Unknown email and wrong password look the same from
 * outside: one refusal ({@link InvalidCredentials}), an unknown email still pays for a hash, and
 * both are throttled alike. A legacy or outdated hash is replaced after a successful login.
 */
public final class LogIn {
  /**
   * The proof of work a login brings: one that admission control already checked for this request
   * (a solution is accepted once), or the {@code X-Challenge-Solution} header (null for none).
   */
  public sealed interface ChallengeAnswer {
    ChallengeAnswer NONE = new Offered(null);

    record CheckedByAdmission() implements ChallengeAnswer {}

    record Offered(String solutionHeader) implements ChallengeAnswer {}
  }

  private static final java.util.UUID NO_ONE = new java.util.UUID(0, 0);
  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final Credentials credentials;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final LoginThrottle throttle;
  private final ProofOfWork proofOfWork;
  private final LoginActivity activity;
  private final Clock clock;

  public LogIn(
      EmailKeys emailKeys,
      EmailReservations reservations,
      Credentials credentials,
      PasswordHashes hashes,
      HashingPool pool,
      LoginThrottle throttle,
      ProofOfWork proofOfWork,
      LoginActivity activity,
      Clock clock) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.credentials = credentials;
    this.hashes = hashes;
    this.pool = pool;
    this.throttle = throttle;
    this.proofOfWork = proofOfWork;
    this.activity = activity;
    this.clock = clock;
    hashes.dummyHash(); // made at start, not on the first unknown email
  }

  public Credentials.Credential authenticate(String email, String password) {
    return authenticate(email, password, ChallengeAnswer.NONE);
  }

  public Credentials.Credential authenticate(
      String email, String password, ChallengeAnswer answer) {
    String emailKey = emailKeys.keyOf(email);
    LoginThrottle.Standing standing = throttle.standing(emailKey);
    if (standing.nextTryIn().isPresent()) {
      throw new LoginThrottled(standing.nextTryIn().get());
    }
    if (standing.challengeRequired()
        && answer instanceof ChallengeAnswer.Offered offered
        && proofOfWork.verify(offered.solutionHeader()) != SolutionCheck.VALID) {
      // Before the password is looked at, and not counted: only guesses paid for count
      throw new ChallengeRequired(proofOfWork.issue());
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
    if (standing.failures() > 0) {
      // Nothing to forget for an account without failures: most logins skip this round trip
      throttle.succeeded(emailKey);
    }
    activity.record(found.userId(), new UserEvents.LoginSucceeded(clock.instant()));
    if (hashes.needsRehash(found.passwordHash())) {
      credentials.rehash(
          found.userId(), found.passwordHash(), pool.run(() -> hashes.hash(password)));
    }
    return found;
  }
}
