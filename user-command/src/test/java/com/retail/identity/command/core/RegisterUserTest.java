package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.tokens.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Registration on in-memory ports: one account per email, every rule checked first, nothing half
 * made.
 */
class RegisterUserTest {
  private final InMemoryCore core = new InMemoryCore();
  private final RegisterUser registerUser = core.registerUser();

  @AfterEach
  void close() {
    core.close();
  }

  private static RegisterUser.Command command(String email) {
    return new RegisterUser.Command(
        email, PASSWORD, " Grace ", "Hopper", "US", "+14155552671", "en-US");
  }

  @Test
  void
      givenANewEmail_whenACustomerRegisters_thenTheAccountIsOpenedAtVersionOneAndTheEmailIsTheirs() {
    RegisterUser.Registered registered = registerUser.register(command("grace@example.com"), "c-1");

    assertThat(registered.version()).isEqualTo(1);
    List<StoredEvent> stream = core.events.readStream(registered.userId());
    assertThat(stream).extracting(StoredEvent::type).containsExactly(EventTypes.USER_REGISTERED);
    UserEvents.UserRegistered event =
        UserEvents.read(stream.get(0), UserEvents.UserRegistered.class);
    assertThat(event.country()).isEqualTo("US");
    assertThat(event.pii()).doesNotContain("grace@example.com");
    assertThat(core.cipher.open(registered.userId(), event.pii(), PersonalData.class))
        .hasValue(new PersonalData("grace@example.com", "Grace", "Hopper", "+14155552671"));
    assertThat(core.credentials.find(registered.userId()))
        .hasValueSatisfying(
            credential -> {
              assertThat(credential.roles()).containsExactly(Principal.USER);
              assertThat(credential.streamVersion()).isEqualTo(1);
              assertThat(core.hashes.verify(credential.passwordHash(), PASSWORD)).isTrue();
            });
    assertThat(core.reservations.ownerOf(core.keyOf("Grace@Example.com")))
        .hasValue(registered.userId());
  }

  @Test
  void
      givenARegisteredEmail_whenAnotherSpellingOfItRegisters_thenItIsTakenAndNoSecondAccountIsOpened() {
    RegisterUser.Registered first = registerUser.register(command("grace@example.com"), "c-1");

    for (String spelling :
        List.of("GRACE@example.com", " grace@EXAMPLE.com ", "ｇｒａｃｅ@example.com")) {
      assertThatThrownBy(() -> registerUser.register(command(spelling), "c-2"))
          .as(spelling)
          .isInstanceOf(EmailTaken.class);
    }

    assertThat(core.events.users()).containsExactly(first.userId());
    assertThat(core.reservations.ownerOf(core.keyOf("grace@example.com"))).hasValue(first.userId());
  }

  @Test
  void
      givenARegistration_whenTheSameRequestIsReplayed_thenTheReplayIsRefusedAsTakenAndTheFirstAccountStaysAsItWas() {
    RegisterUser.Command command = command("grace@example.com");
    RegisterUser.Registered first = registerUser.register(command, "c-1");

    assertThatThrownBy(() -> registerUser.register(command, "c-1")).isInstanceOf(EmailTaken.class);

    assertThat(core.events.users()).containsExactly(first.userId());
    assertThat(core.events.currentVersion(first.userId())).isEqualTo(1);
    assertThat(core.credentials.find(first.userId())).isPresent();
  }

  @Test
  void givenEveryFieldBroken_whenRegistering_thenEachBrokenRuleIsNamedAndNothingIsWritten() {
    RegisterUser.Command broken =
        new RegisterUser.Command("not-an-email", "password", " ", null, "XX", "12345", "!!");

    assertThatThrownBy(() -> registerUser.register(broken, "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactlyInAnyOrder(
                        "email",
                        "password",
                        "firstName",
                        "lastName",
                        "country",
                        "phone",
                        "locale"));

    assertThat(core.events.users()).isEmpty();
    assertThat(core.reservations.holding(core.keyOf("not-an-email"))).isEmpty();
  }

  @Test
  void givenAGuessablePassword_whenRegistering_thenThePasswordIsRefusedWithTheReason() {
    RegisterUser.Command weak =
        new RegisterUser.Command(
            "grace@example.com", "Password123", "Grace", "Hopper", "US", null, null);

    assertThatThrownBy(() -> registerUser.register(weak, "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("password");
                          assertThat(v.message()).startsWith("is too easy to guess");
                        }));
  }

  @Test
  void
      givenTheDataKeyStoreIsDown_whenRegistering_thenTheReservationIsGivenBackAndTheEmailRegistersOnceItIsUp() {
    core.dataKeys.down(true);

    assertThatThrownBy(() -> registerUser.register(command("grace@example.com"), "c-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(core.reservations.holding(core.keyOf("grace@example.com"))).isEmpty();
    assertThat(core.events.users()).isEmpty();

    core.dataKeys.down(false);
    RegisterUser.Registered retried = registerUser.register(command("grace@example.com"), "c-2");
    assertThat(core.reservations.ownerOf(core.keyOf("grace@example.com")))
        .hasValue(retried.userId());
  }

  private static final String RETRY_KEY = "key-1\nbody-fingerprint";

  /** The app's registration with an idempotency key, dying at {@code point} as a process would. */
  private void anUnansweredAttemptDiesAt(String point) {
    CrashPoints.arm(point);
    assertThatThrownBy(
            () -> registerUser.registerOnce(command("grace@example.com"), RETRY_KEY, "c-1"))
        .isInstanceOf(CrashPoints.Crash.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        RegisterUser.AFTER_RESERVATION,
        RegisterUser.AFTER_DATA_KEY,
        CassandraEventStore.AFTER_STREAM
      })
  void
      givenAnAttemptThatDiedBetweenTwoWrites_whenTheAppRetriesWithTheSameKey_thenTheRetryCompletesThatOneAccount(
          String point) {
    anUnansweredAttemptDiesAt(point);
    UUID leftBehind = core.reservations.holding(core.keyOf("grace@example.com")).get().userId();

    RegisterUser.Registered retried =
        registerUser.registerOnce(command("grace@example.com"), RETRY_KEY, "c-2");

    assertThat(retried.userId()).isEqualTo(leftBehind);
    assertThat(retried.version()).isEqualTo(1);
    assertThat(core.reservations.ownerOf(core.keyOf("grace@example.com")))
        .hasValue(retried.userId());
    assertThat(core.events.users()).containsExactly(retried.userId());
    UserEvents.UserRegistered event =
        UserEvents.read(
            core.events.readStream(retried.userId()).get(0), UserEvents.UserRegistered.class);
    assertThat(core.cipher.open(retried.userId(), event.pii(), PersonalData.class))
        .as("sealed with the key the account keeps")
        .hasValueSatisfying(data -> assertThat(data.email()).isEqualTo("grace@example.com"));
    assertThat(core.credentials.find(retried.userId()))
        .hasValueSatisfying(
            credential ->
                assertThat(core.hashes.verify(credential.passwordHash(), PASSWORD)).isTrue());
  }

  @Test
  void
      givenAnAttemptThatDiedAfterItsReservation_whenTheRetryComesWithAnotherKey_thenTheEmailIsTakenUntilTheWindowEnds() {
    anUnansweredAttemptDiesAt(RegisterUser.AFTER_RESERVATION);

    assertThatThrownBy(
            () -> registerUser.registerOnce(command("grace@example.com"), "key-2\nbody", "c-2"))
        .isInstanceOf(EmailTaken.class);
  }

  @Test
  void
      givenAnAttemptTheReaperUndid_whenTheAppRetriesWithTheSameKeyLater_thenANewAccountIsOpenedAndTheUndoneOneStaysErased() {
    anUnansweredAttemptDiesAt(CassandraEventStore.AFTER_STREAM);
    UUID undone = core.reservations.holding(core.keyOf("grace@example.com")).get().userId();
    core.clock.advance(InMemoryCore.ABANDONED_AFTER.plusSeconds(1));
    core.reaper("a").pass();
    assertThat(core.credentials.find(undone)).as("erased by the reaper").isEmpty();

    RegisterUser.Registered retried =
        registerUser.registerOnce(command("grace@example.com"), RETRY_KEY, "c-2");

    assertThat(retried.userId()).isNotEqualTo(undone);
    assertThat(retried.version()).isEqualTo(1);
    assertThat(core.reservations.ownerOf(core.keyOf("grace@example.com")))
        .hasValue(retried.userId());
    assertThat(core.credentials.find(undone)).isEmpty();
  }

  @Test
  void
      givenARegistrationThatWasAnswered_whenTheSameKeyComesAgain_thenItAnswersTheSameAccountAndOpensNoOther() {
    RegisterUser.Registered first =
        registerUser.registerOnce(command("grace@example.com"), RETRY_KEY, "c-1");

    RegisterUser.Registered again =
        registerUser.registerOnce(command("grace@example.com"), RETRY_KEY, "c-2");

    assertThat(again).isEqualTo(first);
    assertThat(core.events.users()).containsExactly(first.userId());
  }

  @Test
  void
      givenTheLocalAdminSeed_whenCreated_thenTheStrengthRuleIsNotAppliedAndTheAdminRoleIsGranted() {
    RegisterUser.Command seed =
        new RegisterUser.Command(
            "admin@local.test", "local-admin-pass-1", "Local", "Admin", "US", null, "en-US");

    RegisterUser.Registered admin =
        registerUser.create(seed, Set.of(Principal.USER, Principal.ADMIN), "seed");

    assertThat(core.credentials.find(admin.userId()))
        .hasValueSatisfying(
            credential ->
                assertThat(credential.roles())
                    .containsExactlyInAnyOrder(Principal.USER, Principal.ADMIN));
  }
}
