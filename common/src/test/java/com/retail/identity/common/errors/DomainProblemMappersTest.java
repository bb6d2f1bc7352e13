package com.retail.identity.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.domain.Unavailable;
import com.retail.identity.common.testing.DomainExceptionsMapped;
import com.retail.identity.common.testing.ProblemAnswer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each shared domain exception is answered with the problem+json the clients already know. */
class DomainProblemMappersTest {
  private static ProblemAnswer answer(DomainException exception) {
    return ProblemAnswer.to(exception, DomainProblemMappers.all());
  }

  private static String type(String slug) {
    return Problem.TYPE_BASE + slug;
  }

  @Test
  void invalidInputIsA400ValidationProblemListingEveryField() {
    InvalidInput invalid =
        new InvalidInput(
            List.of(
                new FieldViolation("email", "must be an email address"),
                new FieldViolation("password", "must not be empty")));

    ProblemAnswer answer = answer(invalid);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.mediaType()).isEqualTo("application/problem+json");
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + type("validation")
                + "\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"One or more fields are invalid.\",\"errors\":["
                + "{\"field\":\"email\",\"message\":\"must be an email address\"},"
                + "{\"field\":\"password\",\"message\":\"must not be empty\"}]}");
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void invalidInputAnswersExactlyAsTheProblemExceptionItReplaces() {
    ProblemException before = ProblemException.validation("phone", "is not a valid phone number");

    ProblemAnswer answer = answer(InvalidInput.of("phone", "is not a valid phone number"));

    assertThat(answer.body()).isEqualTo(ProblemAnswer.json(before.problem()));
    assertThat(answer.status()).isEqualTo(before.problem().getStatus());
  }

  @Test
  void notFoundIsA404WithTheMessageAsDetail() {
    ProblemAnswer answer = answer(new NotFound("No such user."));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + type("not-found")
                + "\",\"title\":\"Not found\","
                + "\"status\":404,\"detail\":\"No such user.\"}");
    assertThat(answer.body())
        .isEqualTo(ProblemAnswer.json(ProblemException.notFound("No such user.").problem()));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void conflictIsA409ConflictProblem() {
    ProblemAnswer answer =
        answer(new Conflict("The account is being changed by another request; retry."));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + type("conflict")
                + "\",\"title\":\"Conflict\","
                + "\"status\":409,\"detail\":\"The account is being changed by another request; retry.\"}");
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void aStaleVersionIsA412PreconditionFailed() {
    ProblemAnswer answer =
        answer(
            new StaleVersion("The account has changed since version 3; read it again and retry."));

    assertThat(answer.status()).isEqualTo(412);
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + type("precondition-failed")
                + "\",\"title\":\"Precondition failed\","
                + "\"status\":412,\"detail\":\"The account has changed since version 3; read it again and retry.\"}");
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void unavailableIsA503WithRetryAfterInWholeSeconds() {
    ProblemAnswer answer =
        answer(new Unavailable("The service is busy; retry in a moment.", Duration.ofSeconds(1)));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .isEqualTo(
            "{\"type\":\""
                + type("unavailable")
                + "\",\"title\":\"Service unavailable\","
                + "\"status\":503,\"detail\":\"The service is busy; retry in a moment.\"}");
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "1"));
    assertThat(answer.body())
        .isEqualTo(
            ProblemAnswer.json(
                ProblemException.unavailable("The service is busy; retry in a moment.", 1)
                    .problem()));
  }

  @Test
  void retryAfterRoundsUpAndIsNeverZero() {
    assertThat(DomainProblemMapper.retryAfter(Duration.ofMillis(1)))
        .containsEntry("Retry-After", "1");
    assertThat(DomainProblemMapper.retryAfter(Duration.ZERO)).containsEntry("Retry-After", "1");
    assertThat(DomainProblemMapper.retryAfter(Duration.ofMillis(5001)))
        .containsEntry("Retry-After", "6");
    assertThat(DomainProblemMapper.retryAfter(Duration.ofSeconds(5)))
        .containsEntry("Retry-After", "5");
  }

  @Test
  void everySharedDomainExceptionHasAMapper() {
    DomainExceptionsMapped.assertEveryDomainExceptionIsMapped(
        DomainProblemMappers.all(), "com.retail.identity.common.domain");
  }
}
