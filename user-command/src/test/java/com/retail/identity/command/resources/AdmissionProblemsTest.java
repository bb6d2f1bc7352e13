package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.DisposableEmailDomains;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.errors.ProblemException;
import org.junit.jupiter.api.Test;

/** Each admission decision's answer: status, problem type and headers as the apps know them. */
class AdmissionProblemsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void givenAnAllowedRequest_thenNoProblem() {
    assertThat(AdmissionProblems.problem(AdmissionDecision.allow("ok"))).isEmpty();
    AdmissionProblems.enforce(AdmissionDecision.allow("ok"));
  }

  @Test
  void givenAChallengeDemand_thenA403CarryingTheChallengeThatIsNeverCached() throws Exception {
    Challenge challenge = new Challenge("SHA-256", "abc", 1000, "salt?expires=1", "sig");

    ProblemException e =
        AdmissionProblems.problem(AdmissionDecision.challenge("launch-mode", challenge))
            .orElseThrow();

    JsonNode body = JSON.readTree(JSON.writeValueAsString(e.problem()));
    assertThat(body.path("status").asInt()).isEqualTo(403);
    assertThat(body.path("type").asText()).endsWith("/challenge-required");
    assertThat(body.path("challenge").fieldNames())
        .toIterable()
        .containsExactly("algorithm", "challenge", "maxnumber", "salt", "signature");
    assertThat(e.headers()).containsEntry("Cache-Control", "no-store");
  }

  @Test
  void givenARateLimit_thenA429WithRetryAfter() {
    ProblemException e =
        AdmissionProblems.problem(AdmissionDecision.rateLimited("address", 7)).orElseThrow();

    assertThat(e.problem().getStatus()).isEqualTo(429);
    assertThat(e.problem().getType().toString()).endsWith("/rate-limited");
    assertThat(e.headers()).containsEntry("Retry-After", "7");
  }

  @Test
  void givenADisposableDomain_thenAValidationErrorOnTheEmailField() {
    assertThatThrownBy(
            () ->
                AdmissionProblems.enforce(AdmissionDecision.refused(DisposableEmailDomains.REASON)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().getStatus()).isEqualTo(400);
              assertThat(e.problem().getErrors())
                  .singleElement()
                  .satisfies(f -> assertThat(f.field()).isEqualTo("email"));
            });
  }

  @Test
  void givenACheckThatFailedClosed_thenA503WithRetryAfter() {
    ProblemException e =
        AdmissionProblems.problem(AdmissionDecision.unavailable("redis-down", 5)).orElseThrow();

    assertThat(e.problem().getStatus()).isEqualTo(503);
    assertThat(e.headers()).containsEntry("Retry-After", "5");
  }
}
