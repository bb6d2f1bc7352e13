package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Account recovery on in-memory ports: one email, one token, used once, every session ended. */
class ResetPasswordTest {
  private static final String NEW_PASSWORD = "crimson-Window-58-harbour!";
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
  private final InMemoryCore core = new InMemoryCore();
  private final RequestPasswordReset requestReset = core.requestPasswordReset();
  private final ResetPassword resetPassword = core.resetPassword();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  /** The reset emails to grace, newest first (registration sent her a verification email too). */
  private List<OutboxEmailSender.Message> resetMails() {
    return core.outbox.to("grace@example.com").stream()
        .filter(m -> m.subject().equals("Reset your Retail password"))
        .toList();
  }

  private String askForAReset(String email) {
    requestReset.request(new RequestPasswordReset.Command(email));
    List<OutboxEmailSender.Message> mails = resetMails();
    assertThat(mails).as("emails to grace").isNotEmpty();
    Matcher token = TOKEN.matcher(mails.get(0).body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private void reset(String token, String newPassword) {
    resetPassword.reset(new ResetPassword.Command(token, newPassword), "c-reset");
  }

  @Test
  void givenARegisteredCustomer_whenTheyResetWithTheEmailedToken_thenOnlyTheNewPasswordLogsIn() {
    String token = askForAReset("grace@example.com");

    reset(token, NEW_PASSWORD);

    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
    assertThatThrownBy(() -> core.logIn().authenticate("grace@example.com", PASSWORD))
        .isInstanceOf(InvalidCredentials.class);
    List<StoredEvent> stream = core.events.readStream(grace);
    assertThat(stream)
        .extracting(StoredEvent::type)
        .containsExactly(EventTypes.USER_REGISTERED, EventTypes.PASSWORD_CHANGED);
    assertThat(UserEvents.read(stream.get(1), UserEvents.PasswordChanged.class).reason())
        .isEqualTo("reset");
  }

  @Test
  void givenTheEmailedToken_whenItIsUsedTwice_thenTheSecondUseIsRefusedAsInvalid() {
    String token = askForAReset("grace@example.com");
    reset(token, NEW_PASSWORD);

    assertThatThrownBy(() -> reset(token, "another-Lantern-77-meadow!"))
        .isInstanceOf(InvalidOneTimeToken.class);
    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
  }

  @Test
  void givenNoVerifiedPhone_whenAResetIsAsked_thenNoSmsIsSent() {
    askForAReset("grace@example.com");

    assertThat(core.sms.sent).isEmpty();
  }

  @Test
  void givenAVerifiedPhone_whenAResetIsAsked_thenItsLastPhoneGetsTheSameTokenBySms() {
    // Given grace verified one phone, then another
    core.recordVerifiedPhone()
        .record(new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-1");
    core.recordVerifiedPhone()
        .record(new RecordVerifiedPhone.Command(grace, "v-2", "+4915112345678"), "c-2");

    // When she asks for a reset
    String emailed = askForAReset("grace@example.com");

    // Then the phone she verified last gets the emailed token, valid as long, and it resets
    assertThat(core.sms.sent)
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.userId()).isEqualTo(grace);
              assertThat(sms.phone()).isEqualTo("+4915112345678");
              assertThat(sms.token()).isEqualTo(emailed);
              assertThat(sms.minutes()).isEqualTo(30);
            });
    reset(core.sms.sent.get(0).token(), NEW_PASSWORD);
    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
  }

  @Test
  void givenTheSmsServiceRefuses_whenAResetIsAsked_thenTheEmailStillCarriesAWorkingToken() {
    core.recordVerifiedPhone()
        .record(new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-1");
    core.sms.failing = true;

    String emailed = askForAReset("grace@example.com");

    reset(emailed, NEW_PASSWORD);
    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
  }

  @Test
  void givenTheAddressInAnotherSpelling_whenAReset_thenTheEmailGoesToTheRegisteredAddressOnly() {
    requestReset.request(new RequestPasswordReset.Command("  GRACE@Example.COM "));

    assertThat(resetMails())
        .singleElement()
        .satisfies(m -> assertThat(m.to()).isEqualTo("grace@example.com"));
  }

  @Test
  void givenAnAddressNobodyUses_whenAResetIsAsked_thenItIsAcceptedAlikeAndNothingIsSent() {
    assertThatCode(
            () -> requestReset.request(new RequestPasswordReset.Command("nobody@example.com")))
        .doesNotThrowAnyException();

    assertThat(core.outbox.to("nobody@example.com")).isEmpty();
  }

  @Test
  void givenAMalformedAddress_whenAResetIsAsked_thenItIsRefusedNamingTheField() {
    assertThatThrownBy(() -> requestReset.request(new RequestPasswordReset.Command("not-an-email")))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("email"));
  }

  @Test
  void givenForgedMalformedOrOtherAccountsTokens_whenConfirming_thenEachGetsTheSameRefusal() {
    askForAReset("grace@example.com");
    UUID ada = core.registered("ada@example.com");
    String forged = OneTimeToken.issue(grace, new SecureRandom()).text();
    String othersShape = OneTimeToken.issue(ada, new SecureRandom()).text();

    for (String token : List.of(forged, othersShape, "not-a-token", forged + "A", "%%%%")) {
      assertThatThrownBy(() -> reset(token, NEW_PASSWORD))
          .as(token)
          .isInstanceOf(InvalidOneTimeToken.class);
    }
    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenATokenOlderThanItsLife_whenConfirming_thenItIsRefusedAsInvalid() {
    String token = askForAReset("grace@example.com");

    core.clock.advance(OneTimeTokens.Purpose.PASSWORD_RESET.life().plus(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> reset(token, NEW_PASSWORD)).isInstanceOf(InvalidOneTimeToken.class);
  }

  @Test
  void givenASecondRequest_whenTheFirstTokenIsUsed_thenOnlyTheNewestWorks() {
    String first = askForAReset("grace@example.com");
    String second = askForAReset("grace@example.com");

    assertThatThrownBy(() -> reset(first, NEW_PASSWORD)).isInstanceOf(InvalidOneTimeToken.class);
    reset(second, NEW_PASSWORD);
  }

  @Test
  void givenAPendingReset_whenThePasswordIsChangedMeanwhile_thenTheTokenNoLongerWorks() {
    String token = askForAReset("grace@example.com");

    core.changePassword()
        .change(new ChangePassword.Command(grace, null, PASSWORD, NEW_PASSWORD, null), "c-1");

    assertThatThrownBy(() -> reset(token, "another-Lantern-77-meadow!"))
        .isInstanceOf(InvalidOneTimeToken.class);
  }

  @Test
  void givenAGuessableNewPassword_whenConfirming_thenItIsRefusedNamingTheFieldAndTheTokenStays() {
    String token = askForAReset("grace@example.com");

    assertThatThrownBy(() -> reset(token, "password1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("newPassword"));
    assertThatThrownBy(() -> reset(token, "Grace@Example.com"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation("newPassword", "must not contain the email address")));
    assertThatThrownBy(() -> reset(token, "hopper-Lantern-77-meadow!"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation("newPassword", "must not contain the last name")));

    reset(token, NEW_PASSWORD);
  }

  @Test
  void givenSessionsOnEveryDevice_whenTheCustomerResets_thenEveryOneEnds() {
    Sessions sessions = core.sessions();
    Sessions.Session laptop =
        sessions.start(core.logIn().authenticate("grace@example.com", PASSWORD));
    Sessions.Session phone =
        sessions.start(core.logIn().authenticate("grace@example.com", PASSWORD));

    reset(askForAReset("grace@example.com"), NEW_PASSWORD);

    for (Sessions.Session session : List.of(laptop, phone)) {
      assertThatThrownBy(() -> sessions.refresh(session.refreshToken()))
          .isInstanceOf(InvalidRefreshToken.class);
    }
    assertThat(core.endedSessions.endedSince(java.time.Instant.EPOCH)).hasSize(2);
  }

  @Test
  void givenAnAttackersTwoHundredGuesses_whenTheOwnerResets_thenTheyLogInWithoutAChallenge() {
    for (int guess = 0; guess < 200; guess++) {
      core.clock.advance(LoginThrottle.LONGEST_WAIT);
      try {
        core.logIn().authenticate("grace@example.com", "guess-" + guess);
      } catch (InvalidCredentials | LoginThrottled | ChallengeRequired refused) {
        // the attacker's guesses are refused one way or another
      }
    }

    reset(askForAReset("grace@example.com"), NEW_PASSWORD);

    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
  }

  @Test
  void givenManyRequestsForOneAddress_whenTheHoursAllowanceIsSpent_thenNoMoreEmailsGoOut() {
    for (int i = 0; i < AccountMailLimit.PER_HOUR + 3; i++) {
      requestReset.request(new RequestPasswordReset.Command("grace@example.com"));
    }

    assertThat(resetMails()).hasSize(AccountMailLimit.PER_HOUR);
  }

  @Test
  void givenTheMailServiceFailingTwice_whenAResetIsAsked_thenTheThirdTryDeliversIt() {
    AtomicInteger tries = new AtomicInteger();
    EmailSender flaky =
        email -> {
          if (tries.incrementAndGet() <= 2) {
            throw new EmailSender.EmailFailed("down");
          }
          core.outbox.send(email);
        };

    core.requestPasswordReset(flaky).request(new RequestPasswordReset.Command("grace@example.com"));

    assertThat(tries).hasValue(3);
    assertThat(resetMails()).hasSize(1);
  }

  @Test
  void givenTheMailServiceDown_whenAResetIsAsked_thenTheCallerIsAnsweredAlikeAndNothingBreaks() {
    EmailSender down =
        email -> {
          throw new EmailSender.EmailFailed("down");
        };

    assertThatCode(
            () ->
                core.requestPasswordReset(down)
                    .request(new RequestPasswordReset.Command("grace@example.com")))
        .doesNotThrowAnyException();
    assertThat(core.logIn().authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
  }
}
