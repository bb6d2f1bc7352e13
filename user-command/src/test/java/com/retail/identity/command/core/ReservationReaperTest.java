package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.tokens.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reservation reaper on in-memory ports: once the abandonment window has passed, every attempt
 * ends as a confirmed reservation of a live account, or with neither.
 */
class ReservationReaperTest {
  private final InMemoryCore core = new InMemoryCore();
  private final ReservationReaper reaper = core.reaper("a");
  private final String email = "grace@example.com";
  private final String emailKey = core.keyOf(email);

  @AfterEach
  void close() {
    core.close();
  }

  private void afterTheWindow() {
    core.clock.advance(InMemoryCore.ABANDONED_AFTER.plusSeconds(1));
  }

  private void registrationDiesAt(String crashPoint) {
    CrashPoints.arm(crashPoint);
    assertThatThrownBy(() -> core.registered(email)).isInstanceOf(CrashPoints.Crash.class);
  }

  /** A registration that wrote its account but died before it confirmed the reservation. */
  private UUID registeredUpToTheEvent() {
    UUID userId = UUID.randomUUID();
    assertThat(core.reservations.reserve(emailKey, userId))
        .isEqualTo(EmailReservations.Reservation.RESERVED);
    String pii = core.cipher.sealNew(userId, new PersonalData(email, "Grace", "Hopper", null));
    core.credentials.open(
        new Credentials.Credential(
            userId, emailKey, core.hashes.hash(PASSWORD), Set.of(Principal.USER), 1),
        "c-1",
        List.of(new UserEvents.UserRegistered(pii, "US", "en-US", core.clock.instant()).toEvent()));
    return userId;
  }

  private String lastEventOf(UUID userId) {
    List<StoredEvent> stream = core.events.readStream(userId);
    return stream.get(stream.size() - 1).type();
  }

  @Test
  void
      givenARegistrationThatDiedAfterItsReservation_whenTheReaperPassesAfterTheWindow_thenTheEmailIsFreeAgain() {
    registrationDiesAt(RegisterUser.AFTER_RESERVATION);

    assertThat(reaper.pass()).as("inside the window").isZero();
    assertThat(core.reservations.holding(emailKey)).isPresent();
    afterTheWindow();
    assertThat(reaper.pass()).isEqualTo(1);

    assertThat(core.reservations.holding(emailKey)).isEmpty();
  }

  @Test
  void
      givenARegistrationThatDiedAfterCreatingItsDataKey_whenTheReaperPasses_thenTheKeyIsDestroyedToo() {
    registrationDiesAt(RegisterUser.AFTER_DATA_KEY);
    UUID abandoned = core.reservations.holding(emailKey).orElseThrow().userId();
    assertThat(core.dataKeys.find(abandoned)).isPresent();

    afterTheWindow();
    reaper.pass();

    assertThat(core.dataKeys.find(abandoned)).isEmpty();
    assertThat(core.reservations.holding(emailKey)).isEmpty();
  }

  @Test
  void
      givenARegistrationThatWroteItsAccountButDiedBeforeConfirming_whenTheReaperPasses_thenTheAccountIsErasedAndTheEmailFreed() {
    UUID halfMade = registeredUpToTheEvent();

    afterTheWindow();
    assertThat(reaper.pass()).as("the reservation removed and the account erased").isEqualTo(2);

    assertThat(lastEventOf(halfMade)).isEqualTo(EventTypes.USER_ERASED);
    assertThat(core.credentials.find(halfMade)).isEmpty();
    assertThat(core.dataKeys.find(halfMade)).isEmpty();
    assertThat(core.reservations.holding(emailKey)).isEmpty();
    assertThat(core.erasedEmails.isErased(emailKey))
        .as("no customer erased it: the email may be imported")
        .isFalse();
  }

  @Test
  void
      givenAnAccountWhoseEmailAnotherRegistrationTookOver_whenTheReaperPasses_thenOnlyTheAccountWithoutTheEmailIsErased() {
    UUID lost = registeredUpToTheEvent();
    afterTheWindow();
    UUID winner = core.registered(email);

    afterTheWindow();
    reaper.pass();

    assertThat(lastEventOf(lost)).isEqualTo(EventTypes.USER_ERASED);
    assertThat(core.logIn().authenticate(email, PASSWORD).userId()).isEqualTo(winner);
    assertThat(core.reservations.ownerOf(emailKey)).hasValue(winner);
  }

  @Test
  void givenConfirmedRegistrations_whenTheReaperPasses_thenNothingChanges() {
    UUID grace = core.registered(email);
    UUID ada = core.registered("ada@example.com");

    afterTheWindow();
    assertThat(reaper.pass()).isZero();

    assertThat(core.logIn().authenticate(email, PASSWORD).userId()).isEqualTo(grace);
    assertThat(core.logIn().authenticate("ada@example.com", PASSWORD).userId()).isEqualTo(ada);
  }

  @Test
  void
      givenAnErasureThatDiedAfterItsEvent_whenTheReaperPasses_thenItsSessionsEndAndItsEmailIsFreed() {
    UUID grace = core.registered(email);
    String refreshToken =
        core.sessions().start(core.logIn().authenticate(email, PASSWORD)).refreshToken();
    CrashPoints.arm(ErasureTail.AFTER_DATA_KEY);
    assertThatThrownBy(
            () ->
                core.eraseAccount()
                    .erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1"))
        .isInstanceOf(CrashPoints.Crash.class);
    assertThat(core.reservations.holding(emailKey)).isPresent();

    afterTheWindow();
    reaper.pass();

    assertThat(core.refreshTokens.rotate(refreshToken)).isInstanceOf(RefreshTokens.Refused.class);
    assertThat(core.reservations.holding(emailKey)).isEmpty();
    assertThat(core.erasedEmails.isErased(emailKey)).isTrue();
  }

  @Test
  void givenAnErasureRefusedByItsVersion_whenTheReaperPasses_thenTheAccountIsLeftWhole() {
    UUID grace = core.registered(email);
    assertThatThrownBy(
            () ->
                core.eraseAccount()
                    .erase(new EraseAccount.Command(grace, 7L, InMemoryCore.OWNER), "c-1"))
        .isInstanceOf(com.retail.identity.common.domain.StaleVersion.class);

    afterTheWindow();
    reaper.pass();

    assertThat(core.logIn().authenticate(email, PASSWORD).userId()).isEqualTo(grace);
    assertThat(core.reservations.ownerOf(emailKey)).hasValue(grace);
    assertThat(core.erasedEmails.isErased(emailKey)).isFalse();
  }

  @Test
  void givenAnotherInstanceHoldsTheLease_whenThisOnePasses_thenItDoesNothingUntilTheLeaseRunsOut() {
    ReservationReaper other = core.reaper("b");
    registrationDiesAt(RegisterUser.AFTER_RESERVATION);
    afterTheWindow();
    assertThat(other.pass()).isEqualTo(1);
    registrationDiesAt(RegisterUser.AFTER_RESERVATION);

    core.clock.advance(Duration.ofSeconds(60)); // b has died; its lease lasts three 30 s intervals
    assertThat(reaper.pass()).isEqualTo(-1);
    afterTheWindow();
    assertThat(core.reservations.holding(emailKey)).isPresent();

    assertThat(reaper.pass()).isEqualTo(1);
    assertThat(core.reservations.holding(emailKey)).isEmpty();
  }

  @Test
  void givenAnotherInstanceHoldsTheLease_whenItStops_thenThisOneTakesItAtItsNextPass() {
    // Given an instance that holds the lease, which this one cannot take
    ReservationReaper other = core.reaper("b");
    assertThat(other.pass()).isZero();
    assertThat(reaper.pass()).isEqualTo(-1);

    // When it stops (a deploy replaces it)
    other.stop();

    // Then this one holds the lease from its next pass, not three intervals later
    assertThat(reaper.pass()).isZero();
    assertThat(other.pass()).isEqualTo(-1);
  }
}
