package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.tokens.EndedSessions;
import com.retail.identity.common.tokens.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions on in-memory ports: one refresh-token family per login, rotated on every use, revoked as
 * a whole.
 */
class SessionsTest {
  private final InMemoryCore core = new InMemoryCore();
  private final Sessions sessions = core.sessions();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  private Sessions.Session logIn() {
    return sessions.start(core.logIn().authenticate("grace@example.com", PASSWORD));
  }

  private Principal holderOf(Sessions.Session session) {
    return core.tokenVerifier().verify(session.accessToken()).orElseThrow();
  }

  @Test
  void
      givenALogin_whenItsSessionStarts_thenTheAccessTokenNamesTheCustomerTheirRolesAndTheSession() {
    Sessions.Session session = logIn();

    Principal holder = holderOf(session);
    assertThat(holder.userId()).isEqualTo(grace);
    assertThat(holder.roles()).containsExactly(Principal.USER);
    assertThat(holder.sessionId()).isNotNull();
    assertThat(session.userId()).isEqualTo(grace);
    assertThat(session.expiresInSeconds()).isEqualTo(900);
    assertThat(session.refreshToken()).isNotBlank();
  }

  @Test
  void
      givenASessionAnAppStarted_whenAnotherAppOrTheJsonRefreshPresentsItsToken_thenItIsRefusedAndStillWorksForItsApp() {
    Sessions.Session app =
        sessions.start(
            core.logIn().authenticate("grace@example.com", PASSWORD),
            UUID.randomUUID(),
            "openid",
            "shop-app");

    assertThatThrownBy(() -> sessions.refresh(app.refreshToken(), "other-app"))
        .isInstanceOf(InvalidRefreshToken.class);
    assertThatThrownBy(() -> sessions.refresh(app.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
    assertThat(sessions.refresh(app.refreshToken(), "shop-app").userId()).isEqualTo(grace);
  }

  @Test
  void
      givenASession_whenItIsRefreshed_thenANewPairOfTheSameSessionComesBackAndTheNewRefreshTokenWorksInTurn() {
    Sessions.Session first = logIn();

    Sessions.Session second = sessions.refresh(first.refreshToken());

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(holderOf(second).sessionId()).isEqualTo(holderOf(first).sessionId());
    assertThat(sessions.refresh(second.refreshToken()).userId()).isEqualTo(grace);
  }

  @Test
  void
      givenARefreshTokenAlreadyUsed_whenItIsPresentedAgain_thenItIsRefusedAndTheWholeSessionEnds() {
    Sessions.Session first = logIn();
    Sessions.Session second = sessions.refresh(first.refreshToken());

    assertThatThrownBy(() -> sessions.refresh(first.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);

    assertThatThrownBy(() -> sessions.refresh(second.refreshToken()))
        .as("the thief's or the owner's next token")
        .isInstanceOf(InvalidRefreshToken.class);
  }

  private List<UUID> endedSessions() {
    return core.endedSessions.endedSince(Instant.EPOCH).stream()
        .map(EndedSessions.Ended::sessionId)
        .toList();
  }

  @Test
  void givenTwoDevices_whenOneLogsOut_thenOnlyItsSessionEnds() {
    Sessions.Session phone = logIn();
    Sessions.Session laptop = logIn();

    sessions.end(holderOf(phone).sessionId());

    assertThatThrownBy(() -> sessions.refresh(phone.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
    assertThat(sessions.refresh(laptop.refreshToken()).userId()).isEqualTo(grace);
    assertThat(endedSessions())
        .as("told as ended, so every service refuses its access tokens")
        .containsExactly(holderOf(phone).sessionId());
  }

  @Test
  void givenTheEndedSessionsStoreIsDown_whenLoggingOut_thenItFailsAndTheRetryTellsTheEnd() {
    Sessions.Session phone = logIn();
    UUID session = holderOf(phone).sessionId();
    core.endedSessions.down = true;

    assertThatThrownBy(() -> sessions.end(session)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> sessions.refresh(phone.refreshToken()))
        .as("the refresh family is revoked first")
        .isInstanceOf(InvalidRefreshToken.class);

    core.endedSessions.down = false;
    sessions.end(session);
    assertThat(endedSessions()).containsExactly(session);
  }

  @Test
  void givenATokenOfNoSession_whenItLogsOut_thenNoSessionEnds() {
    Sessions.Session session = logIn();

    sessions.end(null);

    assertThat(sessions.refresh(session.refreshToken()).userId()).isEqualTo(grace);
  }

  @Test
  void givenARefreshTokenPastItsLifetime_whenPresented_thenItIsRefused() {
    Sessions.Session session = logIn();
    core.clock.advance(InMemoryCore.REFRESH_LIFETIME.plus(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> sessions.refresh(session.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
  }

  @Test
  void givenAnUnknownRefreshToken_whenPresented_thenItIsRefused() {
    assertThatThrownBy(() -> sessions.refresh("no-such-token"))
        .isInstanceOf(InvalidRefreshToken.class);
  }

  @Test
  void
      givenAnErasureThatDiedBeforeEndingTheSessions_whenTheirRefreshTokenIsPresented_thenTheErasedAccountGetsNoSession() {
    Sessions.Session session = logIn();
    CrashPoints.arm(ErasureTail.AFTER_DATA_KEY);
    assertThatThrownBy(
            () ->
                core.eraseAccount()
                    .erase(new EraseAccount.Command(grace, null, InMemoryCore.OWNER), "c-1"))
        .isInstanceOf(CrashPoints.Crash.class);

    assertThatThrownBy(() -> sessions.refresh(session.refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
  }
}
