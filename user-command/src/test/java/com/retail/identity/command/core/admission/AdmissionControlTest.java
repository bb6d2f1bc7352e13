package com.retail.identity.command.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.command.core.admission.AdmissionDecision.Outcome;
import com.retail.identity.command.core.fakes.FakeProofOfWork;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.OnRedisDown;
import com.retail.identity.common.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The admission decisions on an in-memory state: what each policy decides, and in which order. */
class AdmissionControlTest {
  private final AtomicReference<AdmissionSettings> settings =
      new AtomicReference<>(AdmissionSettings.DEFAULTS);
  private final InMemoryAdmissionCounters counters = new InMemoryAdmissionCounters();
  private final FakeProofOfWork proofOfWork = new FakeProofOfWork();
  private final MetricRegistry metrics = new MetricRegistry();
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final AdmissionControl admission =
      new AdmissionControl(settings::get, counters, proofOfWork, metrics, clock);

  private void given(AdmissionSettings changed) {
    settings.set(changed);
  }

  private AdmissionSettings defaults() {
    return AdmissionSettings.DEFAULTS;
  }

  private AdmissionDecision register(String address, String device, String email, String solution) {
    return admission.decide(AdmissionRequest.register(address, device, email, solution));
  }

  private AdmissionDecision register(String address) {
    return register(address, null, "ada@example.com", null);
  }

  private AdmissionDecision logIn(String address, String solution) {
    return admission.decide(AdmissionRequest.login(address, null, "ada@example.com", solution));
  }

  private long counted(String metric) {
    return metrics.counter(metric).getCount();
  }

  @Test
  void givenOrdinaryTraffic_whenDeciding_thenItGoesAheadAndTheDecisionIsCounted() {
    AdmissionDecision decision = register("203.0.113.5", "device-1", "ada@example.com", null);

    assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(decision.reason()).isEqualTo("ok");
    assertThat(counted("admission.register.allow.ok")).isEqualTo(1);
  }

  @Test
  void givenAnAddressThatUsedItsBurst_whenItRegistersAgain_thenRateLimitedUntilOneTokenIsBack() {
    given(defaults().withLimit(Action.REGISTER, BucketKind.ADDRESS, new Limit(2, 2)));
    register("203.0.113.5");
    register("203.0.113.5");

    AdmissionDecision third = register("203.0.113.5");

    assertThat(third.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(third.reason()).isEqualTo("address");
    assertThat(third.retryAfterSeconds()).as("one token at 2 per minute").isEqualTo(30);
    assertThat(counted("admission.register.rate_limited.address")).isEqualTo(1);
    assertThat(register("203.0.113.6").isAllowed()).as("another address").isTrue();
    clock.advance(Duration.ofSeconds(30));
    assertThat(register("203.0.113.5").isAllowed()).isTrue();
  }

  @Test
  void givenOneEmptyBucket_whenARequestIsRefused_thenNoOtherBucketGaveAToken() {
    given(
        defaults()
            .withLimit(Action.REGISTER, BucketKind.ADDRESS, new Limit(3, 1))
            .withLimit(Action.REGISTER, BucketKind.DEVICE, new Limit(1, 1)));
    assertThat(register("203.0.113.5", "phone-1", "ada@example.com", null).isAllowed()).isTrue();

    AdmissionDecision sameDevice = register("203.0.113.5", "phone-1", "ada@example.com", null);

    assertThat(sameDevice.reason()).isEqualTo("device");
    assertThat(register("203.0.113.5", "phone-2", "ada@example.com", null).isAllowed()).isTrue();
    assertThat(register("203.0.113.5", "phone-3", "ada@example.com", null).isAllowed())
        .as("the refused request took no token from the address bucket")
        .isTrue();
    assertThat(register("203.0.113.5", "phone-4", "ada@example.com", null).reason())
        .isEqualTo("address");
  }

  @Test
  void givenABotRotatingAddressesInItsNetwork_whenTheSubnetBucketIsEmpty_thenTheSubnetIsNamed() {
    given(defaults().withLimit(Action.REGISTER, BucketKind.SUBNET, new Limit(3, 1)));
    for (int host = 1; host <= 3; host++) {
      assertThat(register("203.0.113." + host).isAllowed()).isTrue();
    }

    assertThat(register("203.0.113.99").reason()).isEqualTo("subnet");
    assertThat(register("203.0.114.1").isAllowed()).as("the next /24").isTrue();
  }

  @Test
  void givenACatchAllDomain_whenItsBucketIsEmpty_thenRateLimitedButTheBigProvidersAreExempt() {
    given(defaults().withLimit(Action.REGISTER, BucketKind.DOMAIN, new Limit(1, 1)));
    assertThat(register("203.0.113.1", null, "a@farm.example", null).isAllowed()).isTrue();

    assertThat(register("198.51.100.1", null, "b@farm.example", null).reason()).isEqualTo("domain");
    for (int i = 0; i < 3; i++) {
      assertThat(
              register("198.51.100." + (10 + i), null, "launch" + i + "@gmail.com", null)
                  .isAllowed())
          .isTrue();
    }
  }

  @Test
  void givenADomainOnTheReferenceList_whenRegistering_thenRefusedButLoggingInIsNot() {
    counters.listDisposable("throwaway.example");

    AdmissionDecision decision = register("203.0.113.5", null, "x@eu.throwaway.example", null);

    assertThat(decision.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(decision.reason()).isEqualTo(DisposableEmailDomains.REASON);
    assertThat(register("203.0.113.6", null, "x@mailinator.com", null).isAllowed())
        .as("a filled list replaces the built-in one")
        .isTrue();
    assertThat(
            admission
                .decide(AdmissionRequest.login("203.0.113.7", null, "x@throwaway.example", null))
                .isAllowed())
        .as("accounts may predate the list")
        .isTrue();
  }

  @Test
  void
      givenAnEmptyReferenceList_whenRegisteringWithAWellKnownThrowAwayService_thenTheBuiltInListRefusesIt() {
    assertThat(register("203.0.113.5", null, "bot@mailinator.com", null).outcome())
        .isEqualTo(Outcome.REFUSED);
  }

  @Test
  void
      givenLaunchMode_whenARequestCarriesNoSolution_thenAChallengeIsDemandedAndItsSolutionWorksOnce() {
    given(defaults().withLaunchMode(true));

    AdmissionDecision demanded = register("203.0.113.5");

    assertThat(demanded.outcome()).isEqualTo(Outcome.CHALLENGE);
    assertThat(demanded.reason()).isEqualTo("launch-mode");
    Challenge challenge = demanded.challenge();
    AdmissionDecision solved =
        register("203.0.113.5", null, "ada@example.com", FakeProofOfWork.solutionOf(challenge));
    assertThat(solved.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(solved.reason()).isEqualTo("challenge-solved");
    AdmissionDecision replayed =
        register("203.0.113.5", null, "ada@example.com", FakeProofOfWork.solutionOf(challenge));
    assertThat(replayed.outcome()).isEqualTo(Outcome.CHALLENGE);
    assertThat(replayed.reason()).isEqualTo("challenge-replayed");
    assertThat(replayed.challenge()).isNotEqualTo(challenge);
    assertThat(counted("admission.register.challenge.launch-mode")).isEqualTo(1);
    assertThat(counted("admission.register.allow.challenge-solved")).isEqualTo(1);
    assertThat(counted("admission.register.challenge.challenge-replayed")).isEqualTo(1);
  }

  @Test
  void givenLaunchMode_whenASolutionIsForged_thenANewChallengeIsDemanded() {
    given(defaults().withLaunchMode(true));

    assertThat(logIn("203.0.113.5", "solved-999").reason()).isEqualTo("challenge-invalid");
  }

  @Test
  void givenTheReplayGuardIsDown_whenASolutionArrives_thenUnavailable() {
    given(defaults().withLaunchMode(true));
    Challenge challenge = register("203.0.113.5").challenge();
    proofOfWork.replayGuardGoesDown();

    AdmissionDecision decision =
        register("203.0.113.5", null, "ada@example.com", FakeProofOfWork.solutionOf(challenge));

    assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(decision.reason()).isEqualTo("replay-guard-down");
    assertThat(decision.retryAfterSeconds()).isEqualTo(5);
  }

  @Test
  void givenMostLoginsFromAnAddressFailed_whenItLogsInAgain_thenItMustSolveAChallenge() {
    given(defaults().withRisk(new RiskThresholds(0.5, 4, 10, 300)));
    admission.recordLogin("203.0.113.5", "account-1", true);
    for (int i = 0; i < 3; i++) {
      admission.recordLogin("203.0.113.5", "account-1", false);
    }

    AdmissionDecision decision = logIn("203.0.113.5", null);

    assertThat(decision.outcome()).isEqualTo(Outcome.CHALLENGE);
    assertThat(decision.reason()).isEqualTo("risk-failed-logins");
    assertThat(counted("admission.login.outcome.failure")).isEqualTo(3);
    assertThat(counted("admission.login.outcome.success")).isEqualTo(1);
    assertThat(logIn("203.0.113.6", null).isAllowed()).as("another address").isTrue();
  }

  @Test
  void givenOneAddressTriedManyAccounts_whenItLogsInAgain_thenItMustSolveAChallenge() {
    given(defaults().withRisk(new RiskThresholds(0.5, 20, 5, 300)));
    for (int i = 0; i < 6; i++) {
      admission.recordLogin("203.0.113.5", "account-" + i, true);
    }

    assertThat(logIn("203.0.113.5", null).reason()).isEqualTo("risk-many-accounts");
  }

  @Test
  void
      givenFailedLogins_whenTheNextWindowStarts_thenTheyStillCount_andAWindowLaterTheyAreForgotten() {
    given(defaults().withRisk(new RiskThresholds(0.5, 2, 10, 300)));
    admission.recordLogin("203.0.113.5", "account-1", false);
    admission.recordLogin("203.0.113.5", "account-1", false);

    clock.advance(Duration.ofSeconds(300));
    assertThat(logIn("203.0.113.5", null).reason()).isEqualTo("risk-failed-logins");

    clock.advance(Duration.ofSeconds(300));
    assertThat(logIn("203.0.113.5", null).isAllowed()).isTrue();
  }

  @Test
  void
      givenTheCountersAreDownAndRateLimitsFailOpen_whenAnAddressRegistersInBulk_thenThisInstanceStillLimitsIt() {
    given(defaults().withLimit(Action.REGISTER, BucketKind.ADDRESS, new Limit(2, 2)));
    counters.goDown();
    register("203.0.113.5");
    register("203.0.113.5");

    AdmissionDecision third = register("203.0.113.5");

    assertThat(third.reason()).isEqualTo("address");
    assertThat(register("203.0.113.6", null, "bot@mailinator.com", null).outcome())
        .as("the built-in disposable list")
        .isEqualTo(Outcome.REFUSED);
    assertThat(counted("admission.redis-unavailable")).isEqualTo(4);
  }

  @Test
  void givenTheCountersAreDownAndRateLimitsFailClosed_whenARequestArrives_thenUnavailable() {
    given(defaults().withRateLimitsOnRedisDown(OnRedisDown.CLOSED));
    counters.goDown();

    AdmissionDecision decision = logIn("203.0.113.5", null);

    assertThat(decision.outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(decision.reason()).isEqualTo("redis-down");
    assertThat(decision.retryAfterSeconds()).isEqualTo(5);
    assertThat(counted("admission.login.unavailable.redis-down")).isEqualTo(1);
  }

  @Test
  void givenTheCountersAreDownAndSignalsFailClosed_whenARequestArrives_thenItMustSolveAChallenge() {
    given(defaults().withSignalsOnRedisDown(OnRedisDown.CLOSED));
    counters.goDown();

    AdmissionDecision decision = logIn("203.0.113.5", null);

    assertThat(decision.outcome()).isEqualTo(Outcome.CHALLENGE);
    assertThat(decision.reason()).isEqualTo("risk-unknown");
  }

  @Test
  void givenTheCountersAreDownAndSignalsFailOpen_whenLoginsFail_thenThisInstanceCountsThem() {
    given(defaults().withRisk(new RiskThresholds(0.5, 3, 10, 300)));
    counters.goDown();
    for (int i = 0; i < 3; i++) {
      admission.recordLogin("203.0.113.5", "account-1", false);
    }

    assertThat(logIn("203.0.113.5", null).reason()).isEqualTo("risk-failed-logins");
  }

  @Test
  void givenAdmissionIsSwitchedOff_whenAnythingArrives_thenItGoesAheadWithoutAskingTheCounters() {
    given(defaults().withEnabled(false).withLaunchMode(true));
    counters.goDown();

    AdmissionDecision decision = register("203.0.113.5", null, "bot@mailinator.com", null);

    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.reason()).isEqualTo("admission-off");
    assertThat(counted("admission.redis-unavailable")).isZero();
  }
}
