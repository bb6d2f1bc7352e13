package com.retail.identity.verification.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.client.verification.ApiClient;
import com.retail.identity.client.verification.api.ChallengesApi;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.AdmissionRequest;
import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.command.resources.AdmissionProblems;
import com.retail.identity.command.store.RedisAdmissionCounters;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.ChallengeSettings;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.challenge.TrafficMeter;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proof of work across services: verification issues ALTCHA challenges at {@code GET
 * /v1/challenges}; the admission library, configured as user-command configures it (same HMAC key,
 * same Redis), demands one in launch mode, accepts a solved one once and refuses its replay.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ChallengeIT {
  static final WireMockServer SNS = ItSupport.sns();
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(SNS, Map.of()));

  /** What user-command builds from its own configuration: the same key, the same Redis. */
  static RedisConnector redis() {
    RedisSettings settings = new RedisSettings();
    settings.setPort(TestStack.redisPort());
    settings.setKeyPrefix(ItSupport.keyPrefix());
    return new RedisConnector(settings);
  }

  private final RedisConnector redis = redis();
  private final MetricRegistry metrics = new MetricRegistry();
  private final Challenges userCommandChallenges =
      new Challenges(new ChallengeSettings(), redis, metrics, Clock.systemUTC());
  private final AdmissionControl admission = admissionOn(redis, userCommandChallenges, metrics);

  /** Admission control as user-command wires it. */
  static AdmissionControl admissionOn(
      RedisConnector redis, Challenges challenges, MetricRegistry metrics) {
    return new AdmissionControl(
        new AdmissionKnobs(),
        new RedisAdmissionCounters(redis),
        ProofOfWork.by(challenges),
        metrics,
        Clock.systemUTC());
  }

  /** Launch-day switches the operator turns during a test; each is cleared after it. */
  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @AfterEach
  void closeRedis() {
    redis.stop();
  }

  @AfterAll
  static void stopStub() {
    SNS.stop();
  }

  private static Challenge fetch() throws Exception {
    HttpResponse<String> answer =
        ItSupport.send(ItSupport.json(APP.getLocalPort(), "/v1/challenges", null).GET().build());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    return ItSupport.JSON.readValue(answer.body(), Challenge.class);
  }

  @Test
  void theOpenApiDocumentIsServedWithThePublicChallengeEndpoint() throws Exception {
    HttpResponse<String> answer =
        ItSupport.send(ItSupport.json(APP.getLocalPort(), "/openapi.json", null).GET().build());

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode document = ItSupport.body(answer);
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(document.get("paths").has("/v1/challenges")).isTrue();
    assertThat(document.get("paths").has("/dev/sms-outbox")).isFalse();
  }

  @Test
  void theChallengeEndpointSpeaksAltcha() throws Exception {
    operator.turn(Difficulty.DIFFICULTY, "5000");
    operator.turn(Difficulty.LEVELS, "0:5000");
    HttpResponse<String> answer =
        ItSupport.send(ItSupport.json(APP.getLocalPort(), "/v1/challenges", null).GET().build());
    JsonNode json = ItSupport.body(answer);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("algorithm", "challenge", "maxnumber", "salt", "signature");
    assertThat(json.get("algorithm").asText()).isEqualTo("SHA-256");
    assertThat(json.get("maxnumber").asLong()).isEqualTo(5000);
    assertThat(json.get("salt").asText()).contains("expires=");
  }

  @Test
  void anAppFetchesAChallengeThroughTheClientGeneratedFromTheDocument() throws Exception {
    // Given the Java client the build generates from verification's OpenAPI document
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + APP.getLocalPort());
    operator.turn(Difficulty.DIFFICULTY, "5000");
    operator.turn(Difficulty.LEVELS, "0:5000");

    // When an app asks it for a challenge
    com.retail.identity.client.verification.model.Challenge challenge =
        new ChallengesApi(client).challenge();

    // Then the challenge arrives typed, in ALTCHA's fields
    assertThat(challenge.getAlgorithm()).isEqualTo("SHA-256");
    assertThat(challenge.getMaxnumber()).isEqualTo(5000L);
    assertThat(challenge.getSalt()).contains("expires=");
    assertThat(challenge.getChallenge()).isNotBlank();
    assertThat(challenge.getSignature()).isNotBlank();
  }

  @Test
  void launchModeDemandsAChallengeASolvedOneIsAcceptedOnceAndItsReplayIsRefused() throws Exception {
    operator.turn(Difficulty.DIFFICULTY, "2000");
    operator.turn(Difficulty.LEVELS, "0:2000");
    String client = "198.18." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

    AdmissionDecision normal =
        admission.decide(AdmissionRequest.register(client, "device-1", "grace@example.com", null));
    assertThat(normal.outcome()).isEqualTo(AdmissionDecision.Outcome.ALLOW);

    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    AdmissionDecision demanded =
        admission.decide(AdmissionRequest.register(client, "device-1", "grace@example.com", null));
    assertThat(demanded.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    ProblemException problem = AdmissionProblems.problem(demanded).orElseThrow();
    JsonNode json = ItSupport.JSON.readTree(ItSupport.JSON.writeValueAsString(problem.problem()));
    assertThat(json.get("status").asInt()).isEqualTo(403);
    assertThat(json.get("type").asText())
        .isEqualTo("https://identity.retail.example/problems/challenge-required");
    assertThat(json.get("challenge").fieldNames())
        .toIterable()
        .containsExactly("algorithm", "challenge", "maxnumber", "salt", "signature");

    // The app solves a challenge from verification's endpoint (the widget's challengeurl) ...
    Challenge challenge = fetch();
    String solution = Challenges.solutionHeader(challenge, Challenges.solve(challenge));
    // ... and user-command accepts it once
    AdmissionDecision accepted =
        admission.decide(
            AdmissionRequest.register(client, "device-1", "grace@example.com", solution));
    assertThat(accepted.outcome()).isEqualTo(AdmissionDecision.Outcome.ALLOW);
    assertThat(accepted.reason()).isEqualTo("challenge-solved");

    // A replay is refused, on this instance and on any other (the guard is in Redis)
    AdmissionDecision replayed =
        admission.decide(
            AdmissionRequest.register(client, "device-1", "grace@example.com", solution));
    assertThat(replayed.outcome()).isEqualTo(AdmissionDecision.Outcome.CHALLENGE);
    assertThat(replayed.reason()).isEqualTo("challenge-replayed");
    AdmissionControl otherInstance =
        admissionOn(
            redis,
            new Challenges(new ChallengeSettings(), redis, metrics, Clock.systemUTC()),
            metrics);
    assertThat(
            otherInstance
                .decide(AdmissionRequest.login(client, null, "grace@example.com", solution))
                .reason())
        .isEqualTo("challenge-replayed");
    assertThat(metrics.counter("admission.register.challenge.launch-mode").getCount()).isEqualTo(1);
    assertThat(metrics.counter("admission.register.challenge.challenge-replayed").getCount())
        .isEqualTo(1);
  }

  @Test
  void difficultyRisesWithTraffic() throws Exception {
    // a ladder for a test-sized crowd: 30 challenges within the window reach the second step
    operator.turn(Difficulty.DIFFICULTY, "1000");
    operator.turn(Difficulty.LEVELS, "0:1000,30:7000");
    operator.turn(TrafficMeter.WINDOW, "3600");
    try (var jedis = ItSupport.redis()) {
      jedis.del(ItSupport.keyPrefix() + "challenge:traffic");
    }
    assertThat(fetch().maxnumber()).isEqualTo(1000);
    long last = 0;
    for (int i = 0; i < 35; i++) {
      last = fetch().maxnumber();
    }
    assertThat(last).isEqualTo(7000);
    // and the operators' floor wins over a quiet ladder
    operator.turn(Difficulty.DIFFICULTY, "9000");
    assertThat(fetch().maxnumber()).isEqualTo(9000);
  }

  @Test
  void aChallengeSignedWithAnotherKeyIsNotAccepted() throws Exception {
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    operator.turn(Difficulty.DIFFICULTY, "1000");
    operator.turn(Difficulty.LEVELS, "0:1000");
    ChallengeSettings other = new ChallengeSettings();
    other.setHmacKey("someone-elses-key-someone-elses-key-" + UUID.randomUUID());
    Challenge foreign = new Challenges(other, redis, metrics, Clock.systemUTC()).issue(1000);
    AdmissionDecision decision =
        admission.decide(
            AdmissionRequest.login(
                "198.18.0.1",
                null,
                "a@example.com",
                Challenges.solutionHeader(foreign, Challenges.solve(foreign))));
    assertThat(decision.reason()).isEqualTo("challenge-invalid");
  }
}
