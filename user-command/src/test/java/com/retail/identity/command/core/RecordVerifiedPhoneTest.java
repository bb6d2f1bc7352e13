package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A phone proven by the verification service, recorded once per verification on in-memory ports.
 */
class RecordVerifiedPhoneTest {
  private final InMemoryCore core = new InMemoryCore();
  private final RecordVerifiedPhone recordVerifiedPhone = core.recordVerifiedPhone();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void givenAnAccount_whenVerificationReportsAPhone_thenPhoneVerifiedCarriesItSealed() {
    RecordVerifiedPhone.Recorded recorded =
        recordVerifiedPhone.record(
            new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-1");

    assertThat(recorded).isEqualTo(new RecordVerifiedPhone.Recorded(grace, 2));
    StoredEvent event = core.events.readStream(grace).get(1);
    assertThat(event.type()).isEqualTo(EventTypes.PHONE_VERIFIED);
    UserEvents.PhoneVerified verified = UserEvents.read(event, UserEvents.PhoneVerified.class);
    assertThat(verified.verificationId()).isEqualTo("v-1");
    assertThat(core.cipher.open(grace, verified.pii(), PersonalData.class))
        .hasValue(new PersonalData(null, null, null, "+14155552671"));
  }

  @Test
  void
      givenARecordedVerification_whenItIsReportedAgain_thenNothingChangesAndTheFirstEventAnswers() {
    recordVerifiedPhone.record(
        new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-1");
    core.changeProfile()
        .change(
            new ChangeProfile.Command(grace, null, "King", null, null, null, null, null, null),
            "c-2");

    RecordVerifiedPhone.Recorded again =
        recordVerifiedPhone.record(
            new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-3");

    assertThat(again.version()).isEqualTo(2);
    assertThat(core.events.readStream(grace))
        .extracting(StoredEvent::type)
        .containsExactly(
            EventTypes.USER_REGISTERED, EventTypes.PHONE_VERIFIED, EventTypes.PROFILE_UPDATED);
  }

  @Test
  void givenAnotherVerification_whenReported_thenItIsRecordedToo() {
    recordVerifiedPhone.record(
        new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-1");

    RecordVerifiedPhone.Recorded second =
        recordVerifiedPhone.record(
            new RecordVerifiedPhone.Command(grace, "v-2", "+14155552672"), "c-2");

    assertThat(second.version()).isEqualTo(3);
    List<StoredEvent> stream = core.events.readStream(grace);
    assertThat(stream)
        .extracting(StoredEvent::type)
        .containsExactly(
            EventTypes.USER_REGISTERED, EventTypes.PHONE_VERIFIED, EventTypes.PHONE_VERIFIED);
  }

  @Test
  void givenAnErasedAccount_whenAPhoneIsReported_thenItIsNotFoundAndNothingFollowsTheErasure() {
    core.eraseAccount().erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThatThrownBy(
            () ->
                recordVerifiedPhone.record(
                    new RecordVerifiedPhone.Command(grace, "v-1", "+14155552671"), "c-2"))
        .isInstanceOf(NotFound.class);
    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
  }
}
