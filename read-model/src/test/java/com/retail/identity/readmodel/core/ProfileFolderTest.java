package com.retail.identity.readmodel.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.testing.TestClock;
import com.retail.identity.readmodel.core.Fakes.MemoryDataKeys;
import com.retail.identity.readmodel.core.Fakes.MemoryEvents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fold every read model is made of. */
class ProfileFolderTest {
  private final TestClock clock = new TestClock(Instant.parse("2027-01-15T15:00:00Z"));
  private final MemoryDataKeys keys = new MemoryDataKeys();
  private final PersonalDataCipher cipher = new PersonalDataCipher(keys);
  private final MemoryEvents events = new MemoryEvents(clock);
  private final ProfileFolder folder = new ProfileFolder(cipher);
  private final UUID userId = UUID.randomUUID();

  private List<StoredEvent> registered() {
    String pii =
        cipher.seal(
            userId, new PersonalData("grace@example.com", "Grace", "Hopper", "+14155550100"));
    return events.append(
        userId,
        0,
        "c",
        List.of(
            new UserEvents.UserRegistered(pii, "US", "en-US", Instant.parse("2027-01-01T00:00:00Z"))
                .toEvent()));
  }

  @Test
  void givenARegistration_thenTheProfileHasItsFieldsUnverifiedPhoneAndVersion1() {
    registered();

    Profile p = folder.fold(events.readStream(userId)).orElseThrow();

    assertThat(p)
        .isEqualTo(
            new Profile(
                userId,
                "grace@example.com",
                "Grace",
                "Hopper",
                "+14155550100",
                false,
                false,
                "US",
                "en-US",
                Instant.parse("2027-01-01T00:00:00Z"),
                1));
  }

  @Test
  void givenAnUpdateOfSomeFields_thenOnlyThoseChange_andANewPhoneIsNoLongerVerified() {
    registered();
    String verifiedPhone = cipher.seal(userId, new PersonalData(null, null, null, "+14155550100"));
    events.append(
        userId,
        1,
        "c",
        List.of(new UserEvents.PhoneVerified("v1", verifiedPhone, clock.instant()).toEvent()));
    assertThat(folder.fold(events.readStream(userId)).orElseThrow().phoneVerified()).isTrue();

    String changed = cipher.seal(userId, new PersonalData(null, "Amazing", null, "+442071234567"));
    events.append(
        userId,
        2,
        "c",
        List.of(new UserEvents.ProfileUpdated(changed, "GB", null, clock.instant()).toEvent()));
    Profile p = folder.fold(events.readStream(userId)).orElseThrow();

    assertThat(p.firstName()).isEqualTo("Amazing");
    assertThat(p.lastName()).isEqualTo("Hopper");
    assertThat(p.email()).isEqualTo("grace@example.com");
    assertThat(p.country()).isEqualTo("GB");
    assertThat(p.locale()).isEqualTo("en-US");
    assertThat(p.phone()).isEqualTo("+442071234567");
    assertThat(p.phoneVerified()).isFalse();
    assertThat(p.version()).isEqualTo(3);
  }

  @Test
  void givenEventsThatDoNotTouchTheProfile_thenOnlyTheVersionAdvances() {
    registered();
    events.append(
        userId,
        1,
        "c",
        List.of(
            new UserEvents.PasswordChanged(clock.instant(), "user").toEvent(),
            new UserEvents.AccountLocked("ops", clock.instant(), null).toEvent()));

    Profile p = folder.fold(events.readStream(userId)).orElseThrow();

    assertThat(p.version()).isEqualTo(3);
    assertThat(p.firstName()).isEqualTo("Grace");
  }

  @Test
  void givenAnImportedUserWithAVerifiedPhone_thenTheImportDatesAndVerificationAreKept() {
    String pii =
        cipher.seal(userId, new PersonalData("old@example.com", "Old", "Timer", "+33612345678"));
    events.append(
        userId,
        0,
        "c",
        List.of(
            new UserEvents.UserImported(
                    pii,
                    "FR",
                    "fr-FR",
                    true,
                    Instant.parse("2015-03-01T00:00:00Z"),
                    clock.instant())
                .toEvent()));

    Profile p = folder.fold(events.readStream(userId)).orElseThrow();

    assertThat(p.createdAt()).isEqualTo(Instant.parse("2015-03-01T00:00:00Z"));
    assertThat(p.phoneVerified()).isTrue();
  }

  @Test
  void givenAnErasure_thenThereIsNoProfile_evenIfTheKeyIsStillCached() {
    registered();
    events.append(userId, 1, "c", List.of(new UserEvents.UserErased(clock.instant()).toEvent()));

    assertThat(folder.fold(events.readStream(userId))).isEmpty();
  }

  @Test
  void givenAnErasure_thenNoLaterEventBringsTheProfileBack_notEvenOneSealedWithAFreshKey() {
    registered();
    events.append(userId, 1, "c", List.of(new UserEvents.UserErased(clock.instant()).toEvent()));
    keys.destroy(userId);
    String pii =
        cipher.sealNew(userId, new PersonalData("grace@example.com", "Grace", "Hopper", null));
    events.append(
        userId,
        2,
        "c",
        List.of(
            new UserEvents.UserImported(
                    pii, "US", null, false, Instant.parse("2015-03-01T00:00:00Z"), clock.instant())
                .toEvent()));
    events.append(
        userId,
        3,
        "c",
        List.of(
            new UserEvents.ProfileUpdated(
                    cipher.seal(userId, new PersonalData(null, "Back", null, null)),
                    null,
                    null,
                    clock.instant())
                .toEvent()));

    assertThat(folder.fold(events.readStream(userId))).isEmpty();
  }

  @Test
  void givenTheDataKeyIsGone_thenThereIsNoProfile() {
    registered();
    keys.destroy(userId);

    assertThat(folder.fold(events.readStream(userId))).isEmpty();
  }
}
