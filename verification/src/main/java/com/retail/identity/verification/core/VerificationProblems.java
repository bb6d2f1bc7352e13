package com.retail.identity.verification.core;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import java.util.Map;

/** The problems of the verification API, by type slug. */
public final class VerificationProblems {
  private VerificationProblems() {}

  static String seconds(long millis) {
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }

  public static ProblemException resendTooSoon(long waitMillis) {
    return new ProblemException(Problem.of("resend-too-soon", "Too soon", 429,
        "A code was sent to this number moments ago; wait before asking for another."),
        Map.of("Retry-After", seconds(waitMillis)));
  }

  public static ProblemException dailyLimit(String which, long waitMillis) {
    return new ProblemException(Problem.of("daily-limit", "Daily limit reached", 429,
        "No more codes can be sent today" + ("phone".equals(which) ? " to this number." : " for this account."))
        .with("limit", which), Map.of("Retry-After", seconds(waitMillis)));
  }

  public static ProblemException tooManyAttempts(long waitMillis) {
    return new ProblemException(Problem.of("too-many-attempts", "Too many wrong codes", 429,
        "This verification is locked after too many wrong codes; try again later."),
        Map.of("Retry-After", seconds(waitMillis)));
  }

  public static ProblemException smsPaused(long waitMillis) {
    return new ProblemException(Problem.of("sms-paused", "Codes paused", 503,
        "Codes to this destination are paused for a moment; retry shortly."),
        Map.of("Retry-After", seconds(waitMillis)));
  }

  public static ProblemException smsFailed() {
    return new ProblemException(Problem.of("sms-failed", "Code not sent", 503,
        "The code could not be sent; retry shortly."), Map.of("Retry-After", "5"));
  }

  public static ProblemException codeMismatch(long attemptsLeft) {
    return new ProblemException(Problem.of("code-mismatch", "Wrong code", 422,
        "The code is not the one we sent.").with("attemptsLeft", attemptsLeft));
  }

  public static ProblemException codeExpired() {
    return new ProblemException(Problem.of("code-expired", "Code expired", 410,
        "The code has expired; ask for a new one."));
  }

  public static ProblemException completed() {
    return new ProblemException(Problem.of("verification-completed", "Already verified", 409,
        "This verification has already been completed; its code cannot be used again."));
  }

  public static ProblemException verificationNotFound() {
    return ProblemException.notFound("No such verification.");
  }

  public static ProblemException unavailable() {
    return ProblemException.unavailable("Phone verification is briefly unavailable; your code stays valid, retry shortly.", 5);
  }
}
