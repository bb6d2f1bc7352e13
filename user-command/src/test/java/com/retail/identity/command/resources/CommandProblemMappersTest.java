package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.core.EmailTaken;
import com.retail.identity.command.core.InvalidClient;
import com.retail.identity.command.core.InvalidCredentials;
import com.retail.identity.command.core.InvalidRefreshToken;
import com.retail.identity.command.core.LoginThrottled;
import com.retail.identity.command.core.RegistrationInterrupted;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.common.errors.DomainProblemMappers;
import com.retail.identity.common.testing.DomainExceptionsMapped;
import com.retail.identity.common.testing.ProblemAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** user-command's refusals keep the problem+json the apps depend on (DESIGN.md, REST contract). */
class CommandProblemMappersTest {
  private static ProblemAnswer answer(DomainException exception) {
    return ProblemAnswer.to(exception, CommandProblemMappers.all());
  }

  private static String problem(String slug, String title, int status, String detail) {
    return "{\"type\":\""
        + Problem.TYPE_BASE
        + slug
        + "\",\"title\":\""
        + title
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + detail
        + "\"}";
  }

  @Test
  void aTakenEmailIsA409EmailTaken() {
    ProblemAnswer answer = answer(new EmailTaken());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.mediaType()).isEqualTo("application/problem+json");
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "email-taken",
                "Email already registered",
                409,
                "An account with this email address already exists."));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void aRegistrationWhoseReservationWasTakenBackIsA503ToSendAgain() {
    ProblemAnswer answer = answer(new RegistrationInterrupted());

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "registration-interrupted",
                "Registration interrupted",
                503,
                "The registration was interrupted before it completed; send it again."));
    assertThat(answer.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void invalidCredentialsAreA401WithOneBodyForEveryCause() {
    ProblemAnswer answer = answer(new InvalidCredentials());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "invalid-credentials",
                "Invalid credentials",
                401,
                "The email or password is incorrect."));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void aThrottledLoginIsA429WithRetryAfterRoundedUpToWholeSeconds() {
    ProblemAnswer answer = answer(new LoginThrottled(Duration.ofMillis(2_001)));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "rate-limited",
                "Too many attempts",
                429,
                "Too many failed logins for this account; wait before trying again."));
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "3"));
  }

  @Test
  void anInvalidRefreshTokenIsA401() {
    ProblemAnswer answer = answer(new InvalidRefreshToken());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "invalid-refresh-token",
                "Invalid refresh token",
                401,
                "The refresh token is unknown, expired or revoked; log in again."));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void anInvalidClientIsA401() {
    ProblemAnswer answer = answer(new InvalidClient());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body())
        .isEqualTo(
            problem("invalid-client", "Invalid client", 401, "Unknown client or wrong secret."));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void everyDomainExceptionOfUserCommandHasAMapper() {
    List<DomainProblemMapper<?>> mappers = new ArrayList<>(DomainProblemMappers.all());
    mappers.addAll(CommandProblemMappers.all());

    DomainExceptionsMapped.assertEveryDomainExceptionIsMapped(
        mappers, "com.retail.identity.command", "com.retail.identity.common.domain");
  }
}
