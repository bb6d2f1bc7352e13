package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.EndedSessions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Erasure on in-memory ports: the account is gone everywhere, for good, and its email is free. */
class EraseAccountTest {
  private final InMemoryCore core = new InMemoryCore();
  private final EraseAccount eraseAccount = core.eraseAccount();
  private final Sessions sessions = core.sessions();
  private final UUID grace = core.registered("grace@example.com");
  private final String graceKey = core.keyOf("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  private Sessions.Session logIn() {
    return sessions.start(core.logIn().authenticate("grace@example.com", PASSWORD));
  }

  private String registeredPii() {
    return UserEvents.read(core.events.readStream(grace).get(0), UserEvents.UserRegistered.class)
        .pii();
  }

  @Test
  void
      givenAnAccount_whenErased_thenItsEventEndsTheStreamItLogsInNoMoreAndItsPersonalDataIsUnreadable() {
    String pii = registeredPii();

    EraseAccount.Erased erased =
        eraseAccount.erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThat(erased).isEqualTo(new EraseAccount.Erased(grace, 2));
    List<StoredEvent> stream = core.events.readStream(grace);
    assertThat(stream.get(stream.size() - 1).type()).isEqualTo(EventTypes.USER_ERASED);
    assertThatThrownBy(() -> core.logIn().authenticate("grace@example.com", PASSWORD))
        .isInstanceOf(InvalidCredentials.class);
    assertThat(core.cipher.open(grace, pii, PersonalData.class)).as("crypto-shredded").isEmpty();
    assertThat(core.erasedEmails.isErased(graceKey)).as("tombstone").isTrue();
  }

  @Test
  void givenOnlyAnAccessToken_whenTheOwnerErasesWithoutTheCurrentPassword_thenNothingIsErased() {
    Sessions.Session phone = logIn();
    for (Proof proof :
        new Proof[] {
          null, new Proof.CurrentPassword(null), new Proof.CurrentPassword("nope-77!")
        }) {
      assertThatThrownBy(
              () -> eraseAccount.erase(new EraseAccount.Command(grace, null, proof), "c-1"))
          .as("%s", proof)
          .isInstanceOfSatisfying(
              InvalidInput.class,
              e ->
                  assertThat(e.violations())
                      .extracting(FieldViolation::field)
                      .containsExactly("currentPassword"));
    }

    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
    assertThat(sessions.refresh(phone.refreshToken()).userId()).isEqualTo(grace);
  }

  @Test
  void givenAnAdmin_whenErasingACustomersAccount_thenNoPasswordIsAskedAndTheActIsAudited() {
    Acting admin = new Acting(UUID.randomUUID().toString(), "req-1", "GDPR request 12");
    EraseAccount.Command byAdmin = new EraseAccount.Command(grace, null, new Proof.AdminAct(admin));

    assertThat(eraseAccount.erase(byAdmin, "c-1").version()).isEqualTo(2);
    assertThat(core.audit.all())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo(AuditAction.ERASE_ACCOUNT);
              assertThat(entry.actor()).isEqualTo(admin.actor());
              assertThat(entry.subject()).isEqualTo(grace.toString());
              assertThat(entry.reason()).isEqualTo("GDPR request 12");
              assertThat(entry.requestId()).isEqualTo("req-1");
            });
  }

  @Test
  void givenTheAuditTrailDown_whenAnAdminErases_thenNothingIsErased() {
    core.audit.down = true;
    EraseAccount.Command byAdmin =
        new EraseAccount.Command(
            grace, null, new Proof.AdminAct(new Acting("admin-1", "req-1", null)));

    assertThatThrownBy(() -> eraseAccount.erase(byAdmin, "c-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
  }

  @Test
  void givenTheOwner_whenErasingTheirOwnAccount_thenItIsNoStaffActAndNotAudited() {
    eraseAccount.erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThat(core.audit.all()).isEmpty();
  }

  @Test
  void givenSessionsOnEveryDevice_whenErased_thenEveryOneEnds() {
    Sessions.Session phone = logIn();
    Sessions.Session laptop = logIn();

    eraseAccount.erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThat(core.refreshTokens.rotate(phone.refreshToken()))
        .isInstanceOf(RefreshTokens.Refused.class);
    assertThat(core.refreshTokens.rotate(laptop.refreshToken()))
        .isInstanceOf(RefreshTokens.Refused.class);
    assertThat(core.endedSessions.endedSince(Instant.EPOCH))
        .extracting(EndedSessions.Ended::sessionId)
        .containsExactlyInAnyOrder(sessionOf(phone), sessionOf(laptop));
  }

  private UUID sessionOf(Sessions.Session session) {
    return core.tokenVerifier().verify(session.accessToken()).orElseThrow().sessionId();
  }

  @Test
  void givenAnErasedAccount_whenItsEmailRegistersAgain_thenANewAccountGetsIt() {
    eraseAccount.erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    UUID again = core.registered("grace@example.com");

    assertThat(again).isNotEqualTo(grace);
    assertThat(core.reservations.ownerOf(graceKey)).hasValue(again);
  }

  @Test
  void givenAStaleVersion_whenErasing_thenItIsRefusedAndTheAccountIsWhollyThere() {
    Sessions.Session phone = logIn();
    core.changeProfile()
        .change(
            new ChangeProfile.Command(grace, null, "King", null, null, null, null, null, null),
            "c-0");

    assertThatThrownBy(
            () ->
                eraseAccount.erase(new EraseAccount.Command(grace, 1L, InMemoryCore.OWNER), "c-1"))
        .isInstanceOf(StaleVersion.class);

    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
    assertThat(core.logIn().authenticate("grace@example.com", PASSWORD).userId()).isEqualTo(grace);
    assertThat(core.cipher.open(grace, registeredPii(), PersonalData.class)).isPresent();
    assertThat(core.erasedEmails.isErased(graceKey)).isFalse();
    assertThat(core.reservations.ownerOf(graceKey)).hasValue(grace);
    assertThat(sessions.refresh(phone.refreshToken()).userId()).isEqualTo(grace);
  }

  @Test
  void givenTheCurrentVersion_whenErasing_thenItIsErased() {
    assertThat(
            eraseAccount
                .erase(new EraseAccount.Command(grace, 1L, InMemoryCore.OWNER), "c-1")
                .version())
        .isEqualTo(2);
  }

  @Test
  void givenAnErasedOrUnknownAccount_whenErasedAgain_thenItIsNotFoundAndNothingFollowsTheErasure() {
    eraseAccount.erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1");

    assertThatThrownBy(
            () ->
                eraseAccount.erase(
                    new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-2"))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                eraseAccount.erase(
                    new EraseAccount.Command(UUID.randomUUID(), null, InMemoryCore.OWNER), "c-3"))
        .isInstanceOf(NotFound.class);
    assertThat(core.events.currentVersion(grace)).isEqualTo(2);
  }
}
