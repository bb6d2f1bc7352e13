package com.retail.identity.verification.resources;

import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.startVerification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.resources.AdmissionProblems;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.challenge.ReplayGuard;
import com.retail.identity.common.challenge.SolutionCheck;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.ItSupport.Customer;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis goes away. Each check does what its knob says: rate limits and the replay guard fail OPEN
 * on in-process state or CLOSED (503 / no solution accepted), both tested; SMS codes always fail
 * closed (no code is sent or checked without Redis); challenges are still issued (difficulty is an
 * estimate). One stop of Redis for the whole class; it is started again at the end.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RedisOutageIT {
  static final WireMockServer SNS = ItSupport.sns();
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(SNS, Map.of()));

  static Customer customer;
  static RedisConnector redis;
  static final MetricRegistry METRICS = new MetricRegistry();
  static AdmissionControl admission;
  static Challenges challenges;

  @BeforeAll
  static void redisGoesAway() throws Exception {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
    customer = customer(COMMAND.getLocalPort()); // while Redis is up
    redis = ChallengeIT.redis();
    challenges = new Challenges(new ChallengeSettings(), redis, METRICS, Clock.systemUTC());
    admission = ChallengeIT.admissionOn(redis, challenges, METRICS);
    Knobs.override(Difficulty.DIFFICULTY, "1000");
    Knobs.override(Difficulty.LEVELS, "0:1000");
    Knobs.override("identity.ratelimit.register.address.burst", "3");
    Knobs.override("identity.ratelimit.register.address.perMinute", "3");
    StoreControl.stop("redis");
  }

  @AfterAll
  static void redisComesBack() {
    try {
      StoreControl.start("redis");
    } finally {
      Knobs.clearOverride(Difficulty.DIFFICULTY);
      Knobs.clearOverride(Difficulty.LEVELS);
      // the other ITs of this JVM keep their generous limits
      Knobs.override("identity.ratelimit.register.address.burst", "100000");
      Knobs.override("identity.ratelimit.register.address.perMinute", "100000");
      redis.stop();
      SNS.stop();
      USER_COMMAND.stop();
    }
  }

  /** Launch-day switches the operator turns during a test; each is cleared after it. */
  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @Test
  void rateLimitsFailOpenOnInProcessBucketsOrClosedWith503() {
    operator.turn(AdmissionKnobs.RATELIMIT_ON_REDIS_DOWN, "open");
    String client = "198.19.7.1";
    for (int i = 0; i < 3; i++) {
      assertThat(
              admission
                  .decide(AdmissionRequest.register(client, null, "a@example.com", null))
                  .outcome())
          .isEqualTo(AdmissionDecision.Outcome.ALLOW);
    }
    AdmissionDecision limited =
        admission.decide(AdmissionRequest.register(client, null, "a@example.com", null));
    assertThat(limited.outcome()).isEqualTo(AdmissionDecision.Outcome.RATE_LIMITED);
    // the disposable-domain check falls back to the built-in list
    assertThat(
            admission
                .decide(AdmissionRequest.register("198.19.7.2", null, "x@yopmail.com", null))
                .outcome())
        .isEqualTo(AdmissionDecision.Outcome.REFUSED);

    operator.turn(AdmissionKnobs.RATELIMIT_ON_REDIS_DOWN, "closed");
    AdmissionDecision closed =
        admission.decide(AdmissionRequest.register("198.19.7.3", null, "a@example.com", null));
    assertThat(closed.outcome()).isEqualTo(AdmissionDecision.Outcome.UNAVAILABLE);
    assertThat(AdmissionProblems.problem(closed).orElseThrow().problem().getStatus())
        .isEqualTo(503);
    assertThat(METRICS.counter("admission.register.unavailable.redis-down").getCount())
        .isEqualTo(1);
  }

  @Test
  void theReplayGuardFailsOpenInProcessOrClosed() throws Exception {
    operator.turn(AdmissionKnobs.RATELIMIT_ON_REDIS_DOWN, "open");
    // challenges are still issued while Redis is down
    HttpResponse<String> answer =
        ItSupport.send(ItSupport.json(APP.getLocalPort(), "/v1/challenges", null).GET().build());
    assertThat(answer.statusCode()).isEqualTo(200);
    Challenge challenge = ItSupport.JSON.readValue(answer.body(), Challenge.class);
    String solution = Challenges.solutionHeader(challenge, Challenges.solve(challenge));

    operator.turn(ReplayGuard.ON_REDIS_DOWN, "open");
    assertThat(challenges.verify(solution)).isEqualTo(SolutionCheck.VALID);
    assertThat(challenges.verify(solution)).isEqualTo(SolutionCheck.REPLAYED);

    Challenge next = challenges.issue(1000);
    operator.turn(ReplayGuard.ON_REDIS_DOWN, "closed");
    assertThat(challenges.verify(Challenges.solutionHeader(next, Challenges.solve(next))))
        .isEqualTo(SolutionCheck.UNAVAILABLE);
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    Challenge third = challenges.issue(1000);
    AdmissionDecision decision =
        admission.decide(
            AdmissionRequest.login(
                "198.19.8.1",
                null,
                "a@example.com",
                Challenges.solutionHeader(third, Challenges.solve(third))));
    assertThat(decision.outcome()).isEqualTo(AdmissionDecision.Outcome.UNAVAILABLE);
    assertThat(decision.reason()).isEqualTo("replay-guard-down");
  }

  @Test
  void smsCodesFailClosedWith503AndComeBackWithRedis() throws Exception {
    HttpResponse<String> down =
        startVerification(APP.getLocalPort(), customer.token(), germanMobile());
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).isPresent();
    assertThat(body(down).get("type").asText()).endsWith("/unavailable");
    HttpResponse<String> confirm =
        ItSupport.confirm(
            APP.getLocalPort(), customer.token(), "00000000-0000-0000-0000-000000000000", "123456");
    assertThat(confirm.statusCode()).isEqualTo(503);

    HttpRequest health =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck"))
            .build();
    assertThat(ItSupport.send(health).body()).contains("\"redis\":{\"healthy\":false");

    StoreControl.start("redis");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                startVerification(APP.getLocalPort(), customer.token(), germanMobile()).statusCode()
                    == 202);
    StoreControl.stop("redis"); // the other tests of this class expect it down
  }
}
