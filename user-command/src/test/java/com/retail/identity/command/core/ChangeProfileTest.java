package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Profile changes on in-memory ports: at the version the customer read, or on top of the current
 * one.
 */
class ChangeProfileTest {
  private final InMemoryCore core = new InMemoryCore();
  private final ChangeProfile changeProfile = core.changeProfile();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  private ChangeProfile.Command country(String country, Long ifMatch) {
    return new ChangeProfile.Command(grace, null, null, country, null, null, null, ifMatch, null);
  }

  private StoredEvent last() {
    List<StoredEvent> stream = core.events.readStream(grace);
    return stream.get(stream.size() - 1);
  }

  @Test
  void
      givenAnAccount_whenTheCustomerChangesNamesAndPhone_thenProfileUpdatedCarriesThemSealedAtTheNextVersion() {
    ChangeProfile.Command change =
        new ChangeProfile.Command(
            grace,
            " Amazing ",
            null,
            "GB",
            "+14155552671",
            "en-GB",
            null,
            null,
            InMemoryCore.OWNER);

    ChangeProfile.Changed changed = changeProfile.change(change, "c-1");

    assertThat(changed).isEqualTo(new ChangeProfile.Changed(grace, 2));
    assertThat(last().type()).isEqualTo(EventTypes.PROFILE_UPDATED);
    UserEvents.ProfileUpdated event = UserEvents.read(last(), UserEvents.ProfileUpdated.class);
    assertThat(event.country()).isEqualTo("GB");
    assertThat(event.locale()).isEqualTo("en-GB");
    assertThat(core.cipher.open(grace, event.pii(), PersonalData.class))
        .hasValue(new PersonalData(null, "Amazing", null, "+14155552671"));
  }

  @Test
  void givenANewPhone_whenTheOwnerDoesNotProveTheCurrentPassword_thenItIsRefusedNamingTheField() {
    for (Proof proof :
        new Proof[] {null, new Proof.CurrentPassword(""), new Proof.CurrentPassword("not-it-9!")}) {
      ChangeProfile.Command phone =
          new ChangeProfile.Command(
              grace, null, null, null, "+14155552671", null, null, null, proof);

      assertThatThrownBy(() -> changeProfile.change(phone, "c-1"))
          .as("%s", proof)
          .isInstanceOfSatisfying(
              InvalidInput.class,
              e ->
                  assertThat(e.violations())
                      .extracting(FieldViolation::field)
                      .containsExactly("currentPassword"));
    }

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenANewPhone_whenAnAdminSetsIt_thenNoPasswordOfTheCustomersIsAsked() {
    ChangeProfile.Command phone =
        new ChangeProfile.Command(
            grace,
            null,
            null,
            null,
            "+14155552671",
            null,
            null,
            null,
            new Proof.AdminAct(new Acting("admin-1", "req-1", "ticket 9")));

    assertThat(changeProfile.change(phone, "c-1").version()).isEqualTo(2);
    assertThat(core.audit.all())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo(AuditAction.CHANGE_PROFILE);
              assertThat(entry.subject()).isEqualTo(grace.toString());
              assertThat(entry.detail()).isEqualTo("changed=phone").doesNotContain("4155552671");
            });
  }

  @Test
  void givenOnlyTheCountryChanges_thenTheEventCarriesNoPersonalData() {
    changeProfile.change(country("FR", null), "c-1");

    UserEvents.ProfileUpdated event = UserEvents.read(last(), UserEvents.ProfileUpdated.class);
    assertThat(event.pii()).isNull();
    assertThat(event.country()).isEqualTo("FR");
  }

  @Test
  void givenTheVersionTheCustomerRead_whenAnotherChangeLandedSince_thenTheirsIsRefusedAsStale() {
    changeProfile.change(country("FR", 1L), "c-1");

    assertThatThrownBy(() -> changeProfile.change(country("DE", 1L), "c-2"))
        .isInstanceOf(StaleVersion.class);

    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
    assertThat(UserEvents.read(last(), UserEvents.ProfileUpdated.class).country()).isEqualTo("FR");
  }

  @Test
  void givenAVersionTheAccountNeverHad_whenNamedAsTheOneRead_thenTheChangeIsRefusedAsStale() {
    for (long never : new long[] {0, -1, 2, 99}) {
      assertThatThrownBy(() -> changeProfile.change(country("FR", never), "c-1"))
          .as("version %d", never)
          .isInstanceOf(StaleVersion.class);
    }

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenNoVersion_whenAnotherRequestSlipsInBetweenReadAndWrite_thenTheChangeLandsOnTopOfIt() {
    core.events.interleave(1, () -> changeProfile.change(country("FR", null), "other"));

    ChangeProfile.Changed changed = changeProfile.change(country("DE", null), "c-1");

    assertThat(changed.version()).isEqualTo(3);
    assertThat(core.events.readStream(grace))
        .extracting(e -> e.correlationId())
        .containsExactly("test", "other", "c-1");
  }

  @Test
  void givenNoVersion_whenOtherRequestsWinThreeRacesInARow_thenTheCustomerIsToldToRetry() {
    core.events.interleave(3, () -> changeProfile.change(country("FR", null), "other"));

    assertThatThrownBy(() -> changeProfile.change(country("DE", null), "c-1"))
        .isInstanceOf(Conflict.class);

    assertThat(core.events.readStream(grace))
        .extracting(e -> e.correlationId())
        .containsExactly("test", "other", "other", "other");
  }

  @Test
  void
      givenTheAccountIsErasedBetweenReadAndWrite_whenTheChangeIsWritten_thenItIsNotFoundAndNothingFollowsTheErasure() {
    core.events.interleave(
        1,
        () ->
            core.eraseAccount()
                .erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "erase"));

    assertThatThrownBy(() -> changeProfile.change(country("DE", null), "c-1"))
        .isInstanceOf(NotFound.class);

    assertThat(last().type()).isEqualTo(EventTypes.USER_ERASED);
  }

  @Test
  void
      givenAnErasureAboutToLandBeforeTheWrite_whenTheChangeNamesTheVersionTheErasureWillMake_thenItIsRefusedAndNeverFollowsTheErasure() {
    core.events.interleave(
        1,
        () ->
            core.eraseAccount()
                .erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "erase"));

    assertThatThrownBy(() -> changeProfile.change(country("DE", 2L), "c-1"))
        .isInstanceOf(StaleVersion.class);

    assertThat(core.events.readStream(grace))
        .extracting(StoredEvent::type)
        .doesNotContain(EventTypes.PROFILE_UPDATED);
  }

  @Test
  void givenBrokenFieldsAndAnEmail_whenChanging_thenEachIsNamedAndNothingIsWritten() {
    ChangeProfile.Command broken =
        new ChangeProfile.Command(
            grace, " ", null, "XX", "12345", "!!", "new@example.com", null, null);

    assertThatThrownBy(() -> changeProfile.change(broken, "c-1"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.violations())
                    .extracting(FieldViolation::field)
                    .containsExactlyInAnyOrder("email", "firstName", "country", "phone", "locale"));

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenAnErasedOrUnknownAccount_whenAChangeComes_thenItIsNotFound() {
    core.eraseAccount().erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThatThrownBy(() -> changeProfile.change(country("FR", null), "c-2"))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                changeProfile.change(
                    new ChangeProfile.Command(
                        UUID.randomUUID(), "Ada", null, null, null, null, null, null, null),
                    "c-3"))
        .isInstanceOf(NotFound.class);
    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
  }
}
