package com.retail.identity.verification.resources;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.verification.core.VerificationProblems.CodeExpired;
import com.retail.identity.verification.core.VerificationProblems.CodeMismatch;
import com.retail.identity.verification.core.VerificationProblems.Completed;
import com.retail.identity.verification.core.VerificationProblems.DailyLimit;
import com.retail.identity.verification.core.VerificationProblems.PhoneNotMobile;
import com.retail.identity.verification.core.VerificationProblems.ResendTooSoon;
import com.retail.identity.verification.core.VerificationProblems.SmsFailed;
import com.retail.identity.verification.core.VerificationProblems.SmsPaused;
import com.retail.identity.verification.core.VerificationProblems.TooManyAttempts;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;
import java.util.Map;

/**
 * The answers to verification's own domain exceptions (the shared ones are answered by common's
 * mappers).
 */
public final class VerificationProblemMappers implements Feature {
  public static List<DomainProblemMapper<?>> all() {
    return List.of(
        new ResendTooSoonMapper(),
        new DailyLimitMapper(),
        new TooManyAttemptsMapper(),
        new SmsPausedMapper(),
        new SmsFailedMapper(),
        new CodeMismatchMapper(),
        new CodeExpiredMapper(),
        new CompletedMapper(),
        new PhoneNotMobileMapper());
  }

  @Override
  public boolean configure(FeatureContext context) {
    for (DomainProblemMapper<?> mapper : all()) {
      context.register(mapper);
    }
    return true;
  }

  /** 429 {@code resend-too-soon} with {@code Retry-After}. */
  public static final class ResendTooSoonMapper extends DomainProblemMapper<ResendTooSoon> {
    public ResendTooSoonMapper() {
      super(ResendTooSoon.class);
    }

    @Override
    public Problem problem(ResendTooSoon exception) {
      return Problem.of(
          "resend-too-soon",
          "Too soon",
          429,
          "A code was sent to this number moments ago; wait before asking for another.");
    }

    @Override
    public Map<String, String> headers(ResendTooSoon exception) {
      return retryAfter(exception.retryAfter());
    }
  }

  /** 429 {@code daily-limit} naming the {@code limit} (phone or user), with {@code Retry-After}. */
  public static final class DailyLimitMapper extends DomainProblemMapper<DailyLimit> {
    public DailyLimitMapper() {
      super(DailyLimit.class);
    }

    @Override
    public Problem problem(DailyLimit exception) {
      boolean phone = exception.of() == DailyLimit.Of.PHONE;
      return Problem.of(
              "daily-limit",
              "Daily limit reached",
              429,
              "No more codes can be sent today"
                  + (phone ? " to this number." : " for this account."))
          .with("limit", phone ? "phone" : "user");
    }

    @Override
    public Map<String, String> headers(DailyLimit exception) {
      return retryAfter(exception.retryAfter());
    }
  }

  /** 429 {@code too-many-attempts} with {@code Retry-After}. */
  public static final class TooManyAttemptsMapper extends DomainProblemMapper<TooManyAttempts> {
    public TooManyAttemptsMapper() {
      super(TooManyAttempts.class);
    }

    @Override
    public Problem problem(TooManyAttempts exception) {
      return Problem.of(
          "too-many-attempts",
          "Too many wrong codes",
          429,
          "This verification is locked after too many wrong codes; try again later.");
    }

    @Override
    public Map<String, String> headers(TooManyAttempts exception) {
      return retryAfter(exception.retryAfter());
    }
  }

  /** 503 {@code sms-paused} with {@code Retry-After}. */
  public static final class SmsPausedMapper extends DomainProblemMapper<SmsPaused> {
    public SmsPausedMapper() {
      super(SmsPaused.class);
    }

    @Override
    public Problem problem(SmsPaused exception) {
      return Problem.of(
          "sms-paused",
          "Codes paused",
          503,
          "Codes to this destination are paused for a moment; retry shortly.");
    }

    @Override
    public Map<String, String> headers(SmsPaused exception) {
      return retryAfter(exception.retryAfter());
    }
  }

  /** 503 {@code sms-failed}, retry after 5 s. */
  public static final class SmsFailedMapper extends DomainProblemMapper<SmsFailed> {
    public SmsFailedMapper() {
      super(SmsFailed.class);
    }

    @Override
    public Problem problem(SmsFailed exception) {
      return Problem.of(
          "sms-failed", "Code not sent", 503, "The code could not be sent; retry shortly.");
    }

    @Override
    public Map<String, String> headers(SmsFailed exception) {
      return Map.of("Retry-After", "5");
    }
  }

  /** 422 {@code code-mismatch} with {@code attemptsLeft}. */
  public static final class CodeMismatchMapper extends DomainProblemMapper<CodeMismatch> {
    public CodeMismatchMapper() {
      super(CodeMismatch.class);
    }

    @Override
    public Problem problem(CodeMismatch exception) {
      return Problem.of("code-mismatch", "Wrong code", 422, "The code is not the one we sent.")
          .with("attemptsLeft", exception.attemptsLeft());
    }
  }

  /** 410 {@code code-expired}. */
  public static final class CodeExpiredMapper extends DomainProblemMapper<CodeExpired> {
    public CodeExpiredMapper() {
      super(CodeExpired.class);
    }

    @Override
    public Problem problem(CodeExpired exception) {
      return Problem.of(
          "code-expired", "Code expired", 410, "The code has expired; ask for a new one.");
    }
  }

  /** 409 {@code verification-completed}. */
  public static final class CompletedMapper extends DomainProblemMapper<Completed> {
    public CompletedMapper() {
      super(Completed.class);
    }

    @Override
    public Problem problem(Completed exception) {
      return Problem.of(
          "verification-completed",
          "Already verified",
          409,
          "This verification has already been completed; its code cannot be used again.");
    }
  }

  /** 422 {@code phone-not-mobile} naming the {@code numberType}. */
  public static final class PhoneNotMobileMapper extends DomainProblemMapper<PhoneNotMobile> {
    public PhoneNotMobileMapper() {
      super(PhoneNotMobile.class);
    }

    @Override
    public Problem problem(PhoneNotMobile exception) {
      return Problem.of(
              "phone-not-mobile",
              "Not a mobile number",
              422,
              "Codes are sent by SMS to mobile numbers only.")
          .with("numberType", exception.numberType());
    }
  }
}
