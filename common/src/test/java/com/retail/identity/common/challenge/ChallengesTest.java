package com.retail.identity.common.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Challenges without a Redis (the port is closed): the replay guard's in-process fallback. */
class ChallengesTest {
  static RedisConnector unreachableRedis() {
    RedisSettings settings = new RedisSettings();
    settings.setPort(1); // nothing listens there: every call fails at once
    return new RedisConnector(settings);
  }

  private final TestClock clock = new TestClock(Instant.parse("2026-12-04T09:00:00Z"));
  private final ChallengeSettings settings = new ChallengeSettings();
  private final MetricRegistry metrics = new MetricRegistry();
  private final Challenges challenges =
      new Challenges(settings, unreachableRedis(), metrics, clock);

  @AfterEach
  void clearKnobs() {
    Knobs.clearOverride(ReplayGuard.ON_REDIS_DOWN);
    Knobs.clearOverride(Difficulty.DIFFICULTY);
  }

  @Test
  void aChallengeHasAltchasShapeAndExpiry() throws Exception {
    Challenge challenge = challenges.issue(1000);
    JsonNode json = new ObjectMapper().valueToTree(challenge);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("algorithm", "challenge", "maxnumber", "salt", "signature");
    assertThat(challenge.algorithm()).isEqualTo("SHA-256");
    assertThat(challenge.maxnumber()).isEqualTo(1000);
    assertThat(challenge.challenge()).matches("[0-9a-f]{64}");
    assertThat(challenge.salt())
        .contains("?expires=" + (clock.instant().getEpochSecond() + settings.getExpirySeconds()));
  }

  @Test
  void aSolvedChallengeIsAcceptedOnceAndItsReplayRefused() {
    Challenge challenge = challenges.issue(2000);
    String solution = Challenges.solutionHeader(challenge, Challenges.solve(challenge));

    assertThat(challenges.verify(solution)).isEqualTo(SolutionCheck.VALID);
    assertThat(challenges.verify(solution)).isEqualTo(SolutionCheck.REPLAYED);
    assertThat(metrics.counter("challenge.solution.valid").getCount()).isEqualTo(1);
    assertThat(metrics.counter("challenge.solution.replayed").getCount()).isEqualTo(1);
  }

  @Test
  void aWrongNumberATamperedSignatureOrAnotherKeyIsInvalid() {
    Challenge challenge = challenges.issue(2000);
    long number = Challenges.solve(challenge);
    assertThat(challenges.verify(Challenges.solutionHeader(challenge, number + 1)))
        .isEqualTo(SolutionCheck.INVALID);
    Challenge forged =
        new Challenge(
            challenge.algorithm(),
            challenge.challenge(),
            challenge.maxnumber(),
            challenge.salt(),
            "0".repeat(64));
    assertThat(challenges.verify(Challenges.solutionHeader(forged, number)))
        .isEqualTo(SolutionCheck.INVALID);

    ChallengeSettings other = new ChallengeSettings();
    other.setHmacKey("another-key-another-key-another-key-1234");
    Challenge foreign = new Challenges(other, unreachableRedis(), metrics, clock).issue(2000);
    assertThat(challenges.verify(Challenges.solutionHeader(foreign, Challenges.solve(foreign))))
        .isEqualTo(SolutionCheck.INVALID);
  }

  @Test
  void anExpiredSolutionIsRefused() {
    Challenge challenge = challenges.issue(2000);
    String solution = Challenges.solutionHeader(challenge, Challenges.solve(challenge));
    clock.advance(Duration.ofSeconds(settings.getExpirySeconds() + 1));
    assertThat(challenges.verify(solution)).isEqualTo(SolutionCheck.EXPIRED);
  }

  @Test
  void garbageIsMalformedAndNoHeaderIsMissing() {
    assertThat(challenges.verify(null)).isEqualTo(SolutionCheck.MISSING);
    assertThat(challenges.verify("not base64 !")).isEqualTo(SolutionCheck.MALFORMED);
    assertThat(
            challenges.verify(
                Base64.getEncoder()
                    .encodeToString("{\"number\":1}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(SolutionCheck.MALFORMED);
    assertThat(challenges.verify("A".repeat(5000))).isEqualTo(SolutionCheck.MALFORMED);
  }

  @Test
  void aWeakerAlgorithmIsNotAccepted() {
    Challenge challenge = challenges.issue(2000);
    Challenge sha1 =
        new Challenge(
            "SHA-1",
            challenge.challenge(),
            challenge.maxnumber(),
            challenge.salt(),
            challenge.signature());
    assertThat(challenges.verify(Challenges.solutionHeader(sha1, Challenges.solve(challenge))))
        .isEqualTo(SolutionCheck.INVALID);
  }

  @Test
  void withTheReplayGuardFailingClosedNoSolutionIsAcceptedWhileRedisIsDown() {
    Knobs.override(ReplayGuard.ON_REDIS_DOWN, "closed");
    Challenge challenge = challenges.issue(2000);
    assertThat(challenges.verify(Challenges.solutionHeader(challenge, Challenges.solve(challenge))))
        .isEqualTo(SolutionCheck.UNAVAILABLE);
  }

  @Test
  void theDifficultyKnobSetsTheFloor() {
    Knobs.override(Difficulty.DIFFICULTY, "123456");
    assertThat(challenges.issue().maxnumber()).isEqualTo(123456);
  }
}
