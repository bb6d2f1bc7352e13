package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.tokens.EndedSessions;
import com.retail.identity.common.tokens.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redeeming a code on in-memory ports: every way a code can be wrong is refused. */
class RedeemAuthorizationCodeTest {
  private static final String REDIRECT = "com.retail.shop:/oauth2/callback";
  private final InMemoryCore core = new InMemoryCore();
  private final UUID grace = core.registered("grace@example.com");
  private final OidcClients clients =
      new OidcClients(
          List.of(
              OidcClients.Client.registered("shop-app", null, List.of(REDIRECT), List.of()),
              OidcClients.Client.registered(
                  "other-app", null, List.of("com.other:/callback"), List.of())));
  private final OidcClients.Client shopApp = clients.find("shop-app").orElseThrow();
  private final CodeVerifier verifier = new CodeVerifier();
  private final RedeemAuthorizationCode redeem = core.redeemAuthorizationCode();

  @AfterEach
  void close() {
    core.close();
  }

  private String code() {
    return core.authorizationCodes()
        .issue(
            grace,
            "shop-app",
            REDIRECT,
            "openid email",
            "n-0S6_WzA2Mj",
            CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(),
            core.clock.instant(),
            null);
  }

  private RedeemAuthorizationCode.Tokens redeem(
      String code, OidcClients.Client client, String redirect, CodeVerifier v) {
    return redeem.redeem(
        new RedeemAuthorizationCode.Redemption(code, client, redirect, v.getValue()));
  }

  @Test
  void givenTheRightAppRedirectAndVerifier_thenASessionOfTheGrantedScopeStarts() {
    RedeemAuthorizationCode.Tokens tokens = redeem(code(), shopApp, REDIRECT, verifier);

    Principal holder = core.tokenVerifier().verify(tokens.session().accessToken()).orElseThrow();
    assertThat(holder.userId()).isEqualTo(grace);
    assertThat(holder.scopes()).containsExactlyInAnyOrder("openid", "email");
    assertThat(tokens.session().scope()).isEqualTo("openid email");
    assertThat(core.idTokens().readHint(tokens.idToken()).orElseThrow().sessionId())
        .isEqualTo(holder.sessionId());
  }

  @Test
  void givenAnotherAppOrRedirectUri_thenTheCodeIsRefused() {
    String code = code();
    OidcClients.Client other = clients.find("other-app").orElseThrow();

    assertThatThrownBy(() -> redeem(code, other, REDIRECT, verifier))
        .isInstanceOf(InvalidGrant.class);
    assertThatThrownBy(() -> redeem(code, shopApp, "com.retail.shop:/elsewhere", verifier))
        .isInstanceOf(InvalidGrant.class);
  }

  @Test
  void givenAWrongOrMalformedVerifier_thenTheCodeIsRefusedAndNotSpent() {
    String code = code();

    assertThatThrownBy(() -> redeem(code, shopApp, REDIRECT, new CodeVerifier()))
        .isInstanceOf(InvalidGrant.class)
        .hasMessageContaining("verifier");
    assertThatThrownBy(
            () ->
                redeem.redeem(
                    new RedeemAuthorizationCode.Redemption(code, shopApp, REDIRECT, "short")))
        .isInstanceOf(InvalidGrant.class);
    assertThat(redeem(code, shopApp, REDIRECT, verifier).session().userId()).isEqualTo(grace);
  }

  @Test
  void givenACodeOlderThanAMinuteAndTheClockDriftAllowed_thenItHasExpired() {
    String code = code();

    core.clock.advance(Duration.ofSeconds(66));

    assertThatThrownBy(() -> redeem(code, shopApp, REDIRECT, verifier))
        .isInstanceOf(InvalidGrant.class)
        .hasMessageContaining("expired");
  }

  @Test
  void givenATamperedCode_thenItIsRefused() {
    String code = code();
    String[] parts = code.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "x." + parts[2];

    assertThatThrownBy(() -> redeem(tampered, shopApp, REDIRECT, verifier))
        .isInstanceOf(InvalidGrant.class);
  }

  @Test
  void givenACodeUsedOnce_whenItIsUsedAgain_thenItIsRefusedAndTheFirstSessionEnds() {
    String code = code();
    RedeemAuthorizationCode.Tokens first = redeem(code, shopApp, REDIRECT, verifier);

    assertThatThrownBy(() -> redeem(code, shopApp, REDIRECT, verifier))
        .isInstanceOf(InvalidGrant.class)
        .hasMessageContaining("already been used");

    UUID session =
        core.tokenVerifier().verify(first.session().accessToken()).orElseThrow().sessionId();
    assertThat(core.endedSessions.endedSince(Instant.EPOCH))
        .extracting(EndedSessions.Ended::sessionId)
        .contains(session);
    assertThatThrownBy(() -> core.sessions().refresh(first.session().refreshToken()))
        .isInstanceOf(InvalidRefreshToken.class);
  }

  @Test
  void givenAnAccessTokenOrIdToken_thenNeitherIsTakenForACode() {
    RedeemAuthorizationCode.Tokens tokens = redeem(code(), shopApp, REDIRECT, verifier);

    for (String notACode : Set.of(tokens.session().accessToken(), tokens.idToken())) {
      assertThatThrownBy(() -> redeem(notACode, shopApp, REDIRECT, verifier))
          .isInstanceOf(InvalidGrant.class);
    }
  }
}
