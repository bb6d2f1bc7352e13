package com.retail.identity.verification.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.common.errors.DomainProblemMappers;
import com.retail.identity.common.testing.DomainExceptionsMapped;
import com.retail.identity.common.testing.ProblemAnswer;
import com.retail.identity.verification.core.VerificationProblems;
import com.retail.identity.verification.core.VerificationProblems.DailyLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verification's refusals keep the problem+json, statuses and Retry-After the apps depend on. */
class VerificationProblemMappersTest {
  private static ProblemAnswer answer(DomainException exception) {
    List<DomainProblemMapper<?>> mappers = new ArrayList<>(DomainProblemMappers.all());
    mappers.addAll(VerificationProblemMappers.all());
    return ProblemAnswer.to(exception, mappers);
  }

  private static String problem(
      String slug, String title, int status, String detail, String extension) {
    return "{\"type\":\""
        + Problem.TYPE_BASE
        + slug
        + "\",\"title\":\""
        + title
        + "\",\"status\":"
        + status
        + ",\"detail\":\""
        + detail
        + "\""
        + (extension == null ? "" : "," + extension)
        + "}";
  }

  @Test
  void aResendTooSoonIsA429WithRetryAfterRoundedUp() {
    ProblemAnswer answer = answer(VerificationProblems.resendTooSoon(29_500));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.mediaType()).isEqualTo("application/problem+json");
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "resend-too-soon",
                "Too soon",
                429,
                "A code was sent to this number moments ago; wait before asking for another.",
                null));
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "30"));
  }

  @Test
  void aDailyLimitIsA429NamingWhichLimit() {
    ProblemAnswer phone = answer(VerificationProblems.dailyLimit(DailyLimit.Of.PHONE, 3_600_000));
    ProblemAnswer user = answer(VerificationProblems.dailyLimit(DailyLimit.Of.USER, 1));

    assertThat(phone.status()).isEqualTo(429);
    assertThat(phone.body())
        .isEqualTo(
            problem(
                "daily-limit",
                "Daily limit reached",
                429,
                "No more codes can be sent today to this number.",
                "\"limit\":\"phone\""));
    assertThat(phone.headers()).containsExactly(Map.entry("Retry-After", "3600"));
    assertThat(user.body())
        .isEqualTo(
            problem(
                "daily-limit",
                "Daily limit reached",
                429,
                "No more codes can be sent today for this account.",
                "\"limit\":\"user\""));
    assertThat(user.headers()).containsExactly(Map.entry("Retry-After", "1"));
  }

  @Test
  void tooManyWrongCodesIsA429WithRetryAfter() {
    ProblemAnswer answer = answer(VerificationProblems.tooManyAttempts(600_000));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "too-many-attempts",
                "Too many wrong codes",
                429,
                "This verification is locked after too many wrong codes; try again later.",
                null));
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "600"));
  }

  @Test
  void pausedCodesAreA503WithRetryAfter() {
    ProblemAnswer answer = answer(VerificationProblems.smsPaused(0));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "sms-paused",
                "Codes paused",
                503,
                "Codes to this destination are paused for a moment; retry shortly.",
                null));
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "1"));
  }

  @Test
  void aCodeNotSentIsA503RetriedAfterFiveSeconds() {
    ProblemAnswer answer = answer(VerificationProblems.smsFailed());

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "sms-failed",
                "Code not sent",
                503,
                "The code could not be sent; retry shortly.",
                null));
    assertThat(answer.headers()).containsExactly(Map.entry("Retry-After", "5"));
  }

  @Test
  void aWrongCodeIsA422WithTheAttemptsLeft() {
    ProblemAnswer answer = answer(VerificationProblems.codeMismatch(4));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "code-mismatch",
                "Wrong code",
                422,
                "The code is not the one we sent.",
                "\"attemptsLeft\":4"));
    assertThat(answer.headers()).isEmpty();
  }

  @Test
  void anExpiredCodeIsA410() {
    ProblemAnswer answer = answer(VerificationProblems.codeExpired());

    assertThat(answer.status()).isEqualTo(410);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "code-expired",
                "Code expired",
                410,
                "The code has expired; ask for a new one.",
                null));
  }

  @Test
  void aCompletedVerificationIsA409() {
    ProblemAnswer answer = answer(VerificationProblems.completed());

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "verification-completed",
                "Already verified",
                409,
                "This verification has already been completed; its code cannot be used again.",
                null));
  }

  @Test
  void aNumberThatIsNotMobileIsA422NamingItsType() {
    ProblemAnswer answer = answer(new VerificationProblems.PhoneNotMobile("premium_rate"));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body())
        .isEqualTo(
            problem(
                "phone-not-mobile",
                "Not a mobile number",
                422,
                "Codes are sent by SMS to mobile numbers only.",
                "\"numberType\":\"premium_rate\""));
  }

  @Test
  void anUnknownVerificationIsA404AndABriefOutageA503RetriedAfterFiveSeconds() {
    ProblemAnswer notFound = answer(VerificationProblems.verificationNotFound());
    ProblemAnswer unavailable = answer(VerificationProblems.unavailable());

    assertThat(notFound.body())
        .isEqualTo(problem("not-found", "Not found", 404, "No such verification.", null));
    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.body())
        .isEqualTo(
            problem(
                "unavailable",
                "Service unavailable",
                503,
                "Phone verification is briefly unavailable; your code stays valid, retry shortly.",
                null));
    assertThat(unavailable.headers()).containsExactly(Map.entry("Retry-After", "5"));
  }

  @Test
  void everyDomainExceptionOfVerificationHasAMapper() {
    List<DomainProblemMapper<?>> mappers = new ArrayList<>(DomainProblemMappers.all());
    mappers.addAll(VerificationProblemMappers.all());

    DomainExceptionsMapped.assertEveryDomainExceptionIsMapped(
        mappers, "com.retail.identity.verification", "com.retail.identity.common.domain");
  }
}
