package com.retail.identity.command.resources;

import com.retail.identity.command.core.admission.AdmissionDecision;
import com.retail.identity.command.core.admission.DisposableEmailDomains;
import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.errors.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The problem+json answers of admission control's decisions. */
public final class AdmissionProblems {
  public static final String CHALLENGE_REQUIRED = "challenge-required";
  public static final String RATE_LIMITED = "rate-limited";

  private AdmissionProblems() {}

  /** Returns normally for ALLOW; otherwise throws the problem to answer with. */
  public static void enforce(AdmissionDecision decision) {
    Optional<ProblemException> problem = problem(decision);
    if (problem.isPresent()) {
      throw problem.get();
    }
  }

  /** The problem to answer with, or empty for ALLOW. */
  public static Optional<ProblemException> problem(AdmissionDecision decision) {
    return switch (decision.outcome()) {
      case ALLOW -> Optional.empty();
      case CHALLENGE -> Optional.of(challengeRequired(decision.challenge()));
      case RATE_LIMITED -> Optional.of(rateLimited(decision.retryAfterSeconds()));
      case REFUSED -> Optional.of(refused(decision.reason()));
      case UNAVAILABLE -> Optional.of(unavailable(decision.retryAfterSeconds()));
    };
  }

  /**
   * 403, type {@code .../challenge-required}, the challenge in the {@code challenge} member (the
   * shape of {@code GET /v1/challenges}). {@code Cache-Control: no-store}: a challenge is single
   * use.
   */
  static ProblemException challengeRequired(Challenge challenge) {
    return new ProblemException(challengeProblem(challenge), NO_STORE);
  }

  static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

  static Problem challengeProblem(Challenge challenge) {
    return Problem.of(
            CHALLENGE_REQUIRED,
            "Challenge required",
            403,
            "Solve the proof-of-work challenge and repeat the request with the solution in the X-Challenge-Solution header.")
        .with("challenge", challenge);
  }

  /** 429, type {@code .../rate-limited}, with {@code Retry-After}. */
  static ProblemException rateLimited(long retryAfterSeconds) {
    return new ProblemException(
        Problem.of(
            RATE_LIMITED,
            "Too many requests",
            429,
            "Too many attempts; retry after the time in Retry-After."),
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }

  /** A refusal; a disposable email domain is a validation error on {@code email}. */
  static ProblemException refused(String reason) {
    if (DisposableEmailDomains.REASON.equals(reason)) {
      return ProblemException.validation(
          List.of(
              new FieldError("email", "addresses of disposable email services are not accepted")));
    }
    return new ProblemException(
        Problem.of("forbidden", "Forbidden", 403, "This request is not accepted."));
  }

  /** 503 with {@code Retry-After}: a check that fails closed could not run. */
  static ProblemException unavailable(long retryAfterSeconds) {
    return ProblemException.unavailable(
        "Sign-up and sign-in are briefly unavailable; retry shortly.",
        (int) Math.max(1, Math.min(retryAfterSeconds, Integer.MAX_VALUE)));
  }
}
