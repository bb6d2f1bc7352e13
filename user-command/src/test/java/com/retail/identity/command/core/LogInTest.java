package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.retail.identity.command.core.fakes.FakeProofOfWork;
import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Password login on in-memory ports: the right password gets the credential, anything else one and
 * the same refusal, guesses are throttled per account, and outdated hashes are replaced on success.
 */
class LogInTest {
  private final InMemoryCore core = new InMemoryCore();
  private final LogIn logIn = core.logIn();

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void
      givenACustomer_whenTheyLogInWithTheirPassword_thenTheirCredentialComesBackAndTheSuccessIsRecorded() {
    UUID grace = core.registered("grace@example.com");

    Credentials.Credential credential = logIn.authenticate("grace@example.com", PASSWORD);

    assertThat(credential.userId()).isEqualTo(grace);
    assertThat(credential.roles()).containsExactly(Principal.USER);
    assertThat(core.loginActivity.of(grace))
        .singleElement()
        .isInstanceOf(UserEvents.LoginSucceeded.class);
  }

  @Test
  void givenACustomer_whenTheyLogInWithAnotherSpellingOfTheirEmail_thenItIsTheSameAccount() {
    UUID grace = core.registered("grace@example.com");

    assertThat(logIn.authenticate("  GRACE@Example.COM", PASSWORD).userId()).isEqualTo(grace);
  }

  @Test
  void givenACustomer_whenAWrongPasswordIsTried_thenTheLoginIsRefusedAndTheFailureIsRecorded() {
    UUID grace = core.registered("grace@example.com");

    assertThatThrownBy(() -> logIn.authenticate("grace@example.com", "not-" + PASSWORD))
        .isInstanceOf(InvalidCredentials.class);

    assertThat(core.loginActivity.of(grace))
        .singleElement()
        .isInstanceOf(UserEvents.LoginFailed.class);
  }

  @Test
  void
      givenAnUnknownEmail_whenSomeoneTriesIt_thenTheRefusalIsTheOneAWrongPasswordGetsAndItIsThrottledAlike() {
    core.registered("grace@example.com");

    Throwable wrongPassword =
        catchThrowable(() -> logIn.authenticate("grace@example.com", "not-" + PASSWORD));
    Throwable unknownEmail =
        catchThrowable(() -> logIn.authenticate("nobody@example.com", PASSWORD));

    assertThat(unknownEmail)
        .isInstanceOf(InvalidCredentials.class)
        .hasMessage(wrongPassword.getMessage());
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      catchThrowable(() -> logIn.authenticate("grace@example.com", "not-" + PASSWORD));
      catchThrowable(() -> logIn.authenticate("nobody@example.com", PASSWORD));
    }
    Throwable knownThrottled =
        catchThrowable(() -> logIn.authenticate("grace@example.com", PASSWORD));
    Throwable unknownThrottled =
        catchThrowable(() -> logIn.authenticate("nobody@example.com", PASSWORD));
    assertThat(knownThrottled).isInstanceOf(LoginThrottled.class);
    assertThat(unknownThrottled)
        .isInstanceOfSatisfying(
            LoginThrottled.class,
            e ->
                assertThat(e.retryAfter())
                    .isEqualTo(((LoginThrottled) knownThrottled).retryAfter()));
  }

  @Test
  void
      givenFiveFailedGuesses_whenTheNextTryComesAtOnce_thenItIsNotCheckedEvenWithTheRightPasswordUntilTheWaitIsOver() {
    UUID grace = core.registered("grace@example.com");
    for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
      String guess = "guess-" + i;
      catchThrowable(() -> logIn.authenticate("grace@example.com", guess));
    }

    assertThatThrownBy(() -> logIn.authenticate("grace@example.com", PASSWORD))
        .isInstanceOfSatisfying(
            LoginThrottled.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));

    core.clock.advance(Duration.ofSeconds(1));
    assertThat(logIn.authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
    catchThrowable(() -> logIn.authenticate("grace@example.com", "one-more-guess"));
    assertThat(logIn.authenticate("grace@example.com", PASSWORD).userId())
        .as("a success starts the count again")
        .isEqualTo(grace);
  }

  @Test
  void givenACustomerWithoutFailedGuesses_whenTheyLogIn_thenTheThrottleIsNotWrittenTo() {
    core.registered("grace@example.com");

    logIn.authenticate("grace@example.com", PASSWORD);
    logIn.authenticate("grace@example.com", PASSWORD);

    assertThat(core.throttle.writes()).as("nothing to forget, no round trip").isZero();
  }

  @Test
  void givenOneFailedGuess_whenTheCustomerLogsIn_thenTheFailureIsForgotten() {
    core.registered("grace@example.com");
    catchThrowable(() -> logIn.authenticate("grace@example.com", "not-" + PASSWORD));

    logIn.authenticate("grace@example.com", PASSWORD);

    assertThat(core.throttle.standing(core.emailKeys.keyOf("grace@example.com")).failures())
        .isZero();
  }

  /**
   * A stranger who knows the email guesses as fast as the throttle lets them, paying for nothing.
   */
  private int strangerGuesses(int guesses) {
    int checked = 0;
    for (int i = 0; i < guesses; i++) {
      String guess = "stranger-guess-" + i;
      Throwable refused = catchThrowable(() -> logIn.authenticate("grace@example.com", guess));
      if (refused instanceof LoginThrottled throttled) {
        core.clock.advance(throttled.retryAfter());
      } else if (refused instanceof InvalidCredentials) {
        checked++;
      } else {
        assertThat(refused).isInstanceOf(ChallengeRequired.class);
      }
    }
    return checked;
  }

  @Test
  void givenAStrangersTwoHundredGuessesWithoutChallenges_whenTheOwnerSolvesOne_thenTheyGetIn() {
    UUID grace = core.registered("grace@example.com");

    int checked = strangerGuesses(200);

    assertThat(checked)
        .as("only the guesses before a challenge was due were checked")
        .isEqualTo(LoginThrottle.CHALLENGE_AFTER);
    core.clock.advance(LoginThrottle.waitAfter(LoginThrottle.CHALLENGE_AFTER));
    ChallengeRequired asked =
        catchThrowableOfType(
            () -> logIn.authenticate("grace@example.com", PASSWORD), ChallengeRequired.class);
    String solution = FakeProofOfWork.solutionOf(asked.challenge());
    assertThat(
            logIn
                .authenticate(
                    "grace@example.com", PASSWORD, new LogIn.ChallengeAnswer.Offered(solution))
                .userId())
        .isEqualTo(grace);
    assertThat(logIn.authenticate("grace@example.com", PASSWORD).userId())
        .as("a success starts the count again: no challenge next time")
        .isEqualTo(grace);
  }

  @Test
  void givenAChallengeIsDue_whenItsSolutionIsReplayedOrWrong_thenThePasswordIsNotChecked() {
    core.registered("grace@example.com");
    assertThat(strangerGuesses(30)).isEqualTo(LoginThrottle.CHALLENGE_AFTER);
    core.clock.advance(LoginThrottle.waitAfter(LoginThrottle.CHALLENGE_AFTER));
    ChallengeRequired asked =
        catchThrowableOfType(
            () -> logIn.authenticate("grace@example.com", "guess"), ChallengeRequired.class);
    LogIn.ChallengeAnswer solved =
        new LogIn.ChallengeAnswer.Offered(FakeProofOfWork.solutionOf(asked.challenge()));
    assertThatThrownBy(() -> logIn.authenticate("grace@example.com", "paid-guess", solved))
        .as("a paid guess is checked and counted")
        .isInstanceOf(InvalidCredentials.class);
    core.clock.advance(LoginThrottle.waitAfter(LoginThrottle.CHALLENGE_AFTER + 1));

    assertThatThrownBy(() -> logIn.authenticate("grace@example.com", PASSWORD, solved))
        .as("replayed")
        .isInstanceOf(ChallengeRequired.class);
    assertThatThrownBy(
            () ->
                logIn.authenticate(
                    "grace@example.com",
                    PASSWORD,
                    new LogIn.ChallengeAnswer.Offered("solved-forged")))
        .isInstanceOf(ChallengeRequired.class);
    assertThat(
            logIn.authenticate(
                "grace@example.com", PASSWORD, new LogIn.ChallengeAnswer.CheckedByAdmission()))
        .as("a solution admission control already checked for this request")
        .isNotNull();
  }

  @Test
  void givenAStrangerWhoPaysForEveryGuess_whenTheyReachAHundredFailures_thenTheAccountCloses() {
    core.registered("grace@example.com");
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      String guess = "paid-guess-" + i;
      catchThrowable(
          () ->
              logIn.authenticate(
                  "grace@example.com", guess, new LogIn.ChallengeAnswer.CheckedByAdmission()));
      if (i + 1 < LoginThrottle.MAX_FAILURES) {
        core.clock.advance(LoginThrottle.waitAfter(i + 1));
      }
    }

    assertThatThrownBy(
            () ->
                logIn.authenticate(
                    "grace@example.com", PASSWORD, new LogIn.ChallengeAnswer.CheckedByAdmission()))
        .as("NIST SP 800-63B 5.2.2: no more than 100 consecutive failures")
        .isInstanceOf(LoginThrottled.class);
  }

  @Test
  void givenTheHashCostWasRaised_whenTheCustomerLogsIn_thenTheirHashIsReplacedByOneAtTodaysCost() {
    UUID grace = core.registered("grace@example.com");
    LogIn atRaisedCost = core.logIn(new PasswordHashes(() -> new PasswordHashSettings(128, 1, 1)));
    String before = core.credentials.find(grace).orElseThrow().passwordHash();

    catchThrowable(() -> atRaisedCost.authenticate("grace@example.com", "not-" + PASSWORD));
    assertThat(core.credentials.find(grace).orElseThrow().passwordHash())
        .as("not on a failed login")
        .isEqualTo(before);
    atRaisedCost.authenticate("grace@example.com", PASSWORD);

    String after = core.credentials.find(grace).orElseThrow().passwordHash();
    assertThat(after).startsWith("$argon2id$v=19$m=128,t=1,p=1$");
    assertThat(atRaisedCost.authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
  }

  @Test
  void givenAnImportedBcryptHash_whenTheCustomerLogsIn_thenItIsReplacedByArgon2id() {
    UUID ada =
        imported("ada@example.com", BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray()));

    assertThat(logIn.authenticate("ada@example.com", PASSWORD).userId()).isEqualTo(ada);

    String hash = core.credentials.find(ada).orElseThrow().passwordHash();
    assertThat(hash).startsWith("$argon2id$");
    assertThat(core.hashes.verify(hash, PASSWORD)).isTrue();
  }

  /**
   * An account as the bulk import writes it: a confirmed reservation and a credential with the
   * legacy hash.
   */
  private UUID imported(String email, String legacyHash) {
    UUID userId = UUID.randomUUID();
    String emailKey = core.keyOf(email);
    core.reservations.reserve(emailKey, userId);
    String pii = core.cipher.sealNew(userId, new PersonalData(email, "Ada", "Lovelace", null));
    core.credentials.open(
        new Credentials.Credential(userId, emailKey, legacyHash, Set.of(Principal.USER), 1),
        "import",
        List.of(new UserEvents.UserRegistered(pii, "GB", "en-GB", core.clock.instant()).toEvent()));
    core.reservations.confirm(emailKey, userId);
    return userId;
  }
}
