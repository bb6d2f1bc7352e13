package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.tokens.EndedSessions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Password changes on in-memory ports: proven by the current password, ending every other session.
 */
class ChangePasswordTest {
  private static final String NEW_PASSWORD = "crimson-Window-58-harbour!";
  private final InMemoryCore core = new InMemoryCore();
  private final ChangePassword changePassword = core.changePassword();
  private final Sessions sessions = core.sessions();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  private Sessions.Session logIn(String password) {
    return sessions.start(core.logIn().authenticate("grace@example.com", password));
  }

  private UUID sessionOf(Sessions.Session session) {
    return core.tokenVerifier().verify(session.accessToken()).orElseThrow().sessionId();
  }

  private ChangePassword.Command change(UUID session, String current, String next, Long ifMatch) {
    return new ChangePassword.Command(grace, session, current, next, ifMatch);
  }

  @Test
  void
      givenTheCurrentPassword_whenTheCustomerChangesIt_thenOnlyTheNewOneLogsInAndTheStreamRecordsTheChange() {
    ChangePassword.Changed changed =
        changePassword.change(change(null, PASSWORD, NEW_PASSWORD, null), "c-1");

    assertThat(changed).isEqualTo(new ChangePassword.Changed(grace, 2));
    assertThat(core.events.readStream(grace))
        .extracting(StoredEvent::type)
        .containsExactly(EventTypes.USER_REGISTERED, EventTypes.PASSWORD_CHANGED);
    assertThat(core.logIn().authenticate("grace@example.com", NEW_PASSWORD).userId())
        .isEqualTo(grace);
    assertThatThrownBy(() -> core.logIn().authenticate("grace@example.com", PASSWORD))
        .isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void
      givenSessionsOnOtherDevices_whenThePasswordChanges_thenTheyEndAndTheSessionThatAskedGoesOn() {
    Sessions.Session laptop = logIn(PASSWORD);
    Sessions.Session phone = logIn(PASSWORD);

    changePassword.change(change(sessionOf(laptop), PASSWORD, NEW_PASSWORD, 1L), "c-1");

    assertThat(sessions.refresh(laptop.refreshToken()).userId()).isEqualTo(grace);
    assertThatThrownBy(() -> sessions.refresh(phone.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
    assertThat(core.endedSessions.endedSince(Instant.EPOCH))
        .extracting(EndedSessions.Ended::sessionId)
        .containsExactly(sessionOf(phone));
  }

  @Test
  void givenAWrongCurrentPassword_whenChanging_thenItIsRefusedNamingTheFieldAndNothingChanges() {
    Sessions.Session phone = logIn(PASSWORD);

    assertThatThrownBy(
            () -> changePassword.change(change(null, "not-" + PASSWORD, NEW_PASSWORD, null), "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactly("currentPassword"));

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
    assertThat(core.logIn().authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
    assertThat(sessions.refresh(phone.refreshToken()).userId())
        .as("the other session")
        .isEqualTo(grace);
  }

  @Test
  void givenAGuessableNewPassword_whenChanging_thenItIsRefusedWithTheReasonAndNothingChanges() {
    Sessions.Session phone = logIn(PASSWORD);

    assertThatThrownBy(
            () -> changePassword.change(change(null, PASSWORD, "password1", null), "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("newPassword")));

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
    assertThat(sessions.refresh(phone.refreshToken()).userId())
        .as("the other session")
        .isEqualTo(grace);
  }

  @Test
  void givenTheAccountsOwnEmailInAnotherCase_whenMadeTheNewPassword_thenItIsRefusedNamingTheRule() {
    assertThatThrownBy(
            () -> changePassword.change(change(null, PASSWORD, "Grace@Example.com", null), "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation("newPassword", "must not contain the email address")));

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenTheCustomersNameAsItIsNow_whenMadeTheNewPassword_thenItIsRefusedNamingTheRule() {
    core.changeProfile()
        .change(
            new ChangeProfile.Command(grace, null, "Brewster", null, null, null, null, null, null),
            "c-0");

    assertThatThrownBy(
            () ->
                changePassword.change(
                    change(null, PASSWORD, "brewster-Lantern-77-meadow!", null), "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new FieldViolation("newPassword", "must not contain the last name")));
    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
  }

  @Test
  void givenAStaleVersion_whenChanging_thenItIsRefusedAndTheOldPasswordStillWorks() {
    core.changeProfile()
        .change(
            new ChangeProfile.Command(grace, null, "King", null, null, null, null, null, null),
            "c-0");

    assertThatThrownBy(() -> changePassword.change(change(null, PASSWORD, NEW_PASSWORD, 1L), "c-1"))
        .isInstanceOf(StaleVersion.class);

    assertThat(core.logIn().authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
    assertThatThrownBy(() -> core.logIn().authenticate("grace@example.com", NEW_PASSWORD))
        .isInstanceOf(InvalidCredentials.class);
  }

  @Test
  void
      givenAChangeThatDiesAfterEndingTheOtherSessions_thenTheOldPasswordStaysAndNoOtherSessionIsLeftOpen() {
    Sessions.Session phone = logIn(PASSWORD);
    CrashPoints.arm(ChangePassword.AFTER_SESSIONS);

    assertThatThrownBy(
            () -> changePassword.change(change(null, PASSWORD, NEW_PASSWORD, null), "c-1"))
        .isInstanceOf(CrashPoints.Crash.class);

    assertThat(core.logIn().authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
    assertThatThrownBy(() -> sessions.refresh(phone.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
  }

  @Test
  void givenAnErasedAccount_whenItsPasswordIsChanged_thenItIsNotFound() {
    core.eraseAccount().erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-0");

    assertThatThrownBy(
            () -> changePassword.change(change(null, PASSWORD, NEW_PASSWORD, null), "c-1"))
        .isInstanceOf(NotFound.class);
  }
}
