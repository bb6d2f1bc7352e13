package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.command.resources.AdmissionProblems;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission decisions with Redis unreachable, so the fail-open path (in-process state) and the
 * fail-closed knobs are exercised without a store; RedisAdmissionCountersIT runs the same rules on
 * Redis.
 */
class AdmissionWithRedisDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MetricRegistry metrics = new MetricRegistry();
  private AdmissionControl admission;
  private Challenges challenges;

  @BeforeEach
  void setUp() {
    RedisSettings settings = new RedisSettings();
    settings.setPort(1);
    RedisConnector down = new RedisConnector(settings);
    challenges = new Challenges(new ChallengeSettings(), down, metrics, Clock.systemUTC());
    admission =
        new AdmissionControl(
            new AdmissionKnobs(),
            new RedisAdmissionCounters(down),
            ProofOfWork.by(challenges),
            metrics,
            Clock.systemUTC());
    Knobs.override("identity.challenge.difficulty", "1000");
    Knobs.override("identity.challenge.levels", "0:1000");
  }

  @AfterEach
  void clearKnobs() {
    for (String knob :
        new String[] {
          AdmissionKnobs.LAUNCH_MODE,
          AdmissionKnobs.RATELIMIT_ON_REDIS_DOWN,
          AdmissionKnobs.SIGNALS_ON_REDIS_DOWN,
          "identity.ratelimit.register.address.burst",
          "identity.challenge.difficulty",
          "identity.challenge.levels",
          AdmissionKnobs.RISK_MIN_ATTEMPTS
        }) {
      Knobs.clearOverride(knob);
    }
  }

  private static String address() {
    return "198.51.100."
        + (int) (Math.random() * 250 + 1)
        + "-"
        + UUID.randomUUID(); // unique per test run
  }

  @Test
  void failingOpenTheInProcessBucketsStillLimit() {
    Knobs.override("identity.ratelimit.register.address.burst", "3");
    String ip = "203.0.113." + (int) (Math.random() * 250 + 1);
    for (int i = 0; i < 3; i++) {
      assertThat(
              admission
                  .decide(AdmissionRequest.register(ip, null, "a@example.com", null))
                  .outcome())
          .isEqualTo(AdmissionDecision.Outcome.ALLOW);
    }
    AdmissionDecision limited =
        admission.decide(AdmissionRequest.register(ip, null, "a@example.com", null));
    assertThat(limited.outcome()).isEqualTo(AdmissionDecision.Outcome.RATE_LIMITED);
    assertThat(limited.reason()).isEqualTo("address");
    assertThat(limited.retryAfterSeconds()).isBetween(1L, 7L);
    assertThat(metrics.counter("admission.register.rate_limited.address").getCount()).isEqualTo(1);
    assertThat(metrics.counter("admission.redis-unavailable").getCount()).isEqualTo(4);
  }

  @Test
  void failingClosedTheRateLimitsAnswerUnavailable() {
    Knobs.override(AdmissionKnobs.RATELIMIT_ON_REDIS_DOWN, "closed");
    AdmissionDecision decision =
        admission.decide(AdmissionRequest.login(address(), "dev-1", "a@example.com", null));
    assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.UNAVAILABLE);
    assertThatThrownBy(() -> AdmissionProblems.enforce(decision))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().getStatus()).isEqualTo(503);
              assertThat(e.headers()).containsKey("Retry-After");
            });
  }

  @Test
  void signalsFailingClosedDemandAChallenge() {
    Knobs.override(AdmissionKnobs.SIGNALS_ON_REDIS_DOWN, "closed");
    AdmissionDecision decision =
        admission.decide(AdmissionRequest.login(address(), null, "a@example.com", null));
    assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(decision.reason()).isEqualTo("risk-unknown");
  }

  @Test
  void aDisposableDomainIsRefusedFromTheBuiltInListAsAValidationError() {
    AdmissionDecision decision =
        admission.decide(AdmissionRequest.register(address(), null, "bot@mailinator.com", null));
    assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.REFUSED);
    assertThatThrownBy(() -> AdmissionProblems.enforce(decision))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().getStatus()).isEqualTo(400);
              assertThat(e.problem().getErrors())
                  .singleElement()
                  .satisfies(f -> assertThat(f.field()).isEqualTo("email"));
            });
    // Logging in with such an address is not refused (accounts may predate the list).
    assertThat(
            admission
                .decide(AdmissionRequest.login(address(), null, "bot@mailinator.com", null))
                .isAllowed())
        .isTrue();
  }

  @Test
  void launchModeDemandsAChallengeThatIsAcceptedOnce() throws Exception {
    Knobs.override(AdmissionKnobs.LAUNCH_MODE, "true");
    String ip = address();
    AdmissionDecision first =
        admission.decide(AdmissionRequest.register(ip, null, "a@example.com", null));
    assertThat(first.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(first.reason()).isEqualTo("launch-mode");

    ProblemException problem = AdmissionProblems.problem(first).orElseThrow();
    JsonNode body = JSON.readTree(JSON.writeValueAsString(problem.problem()));
    assertThat(body.path("status").asInt()).isEqualTo(403);
    assertThat(body.path("type").asText()).endsWith("/challenge-required");
    assertThat(body.path("challenge").fieldNames())
        .toIterable()
        .containsExactly("algorithm", "challenge", "maxnumber", "salt", "signature");

    String solution =
        Challenges.solutionHeader(first.challenge(), Challenges.solve(first.challenge()));
    AdmissionDecision solved =
        admission.decide(AdmissionRequest.register(ip, null, "a@example.com", solution));
    assertThat(solved.outcome()).isEqualTo(AdmissionDecision.Outcome.ALLOW);
    assertThat(solved.reason()).isEqualTo("challenge-solved");
    AdmissionDecision replayed =
        admission.decide(AdmissionRequest.register(ip, null, "a@example.com", solution));
    assertThat(replayed.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(replayed.reason()).isEqualTo("challenge-replayed");
    assertThat(metrics.counter("admission.register.challenge.launch-mode").getCount()).isEqualTo(1);
    assertThat(metrics.counter("admission.register.allow.challenge-solved").getCount())
        .isEqualTo(1);
  }

  @Test
  void manyFailedLoginsFromAnAddressMakeItRisky() {
    Knobs.override(AdmissionKnobs.RISK_MIN_ATTEMPTS, "5");
    String ip = address();
    for (int i = 0; i < 5; i++) {
      admission.recordLogin(ip, "account-" + i, false);
    }
    AdmissionDecision decision =
        admission.decide(AdmissionRequest.login(ip, null, "a@example.com", null));
    assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(decision.reason()).isEqualTo("risk-failed-logins");
  }
}
