package com.retail.identity.command.core.admission;

import com.retail.identity.common.challenge.Challenge;

/**
 * What admission control decided for one request, and why ({@code reason} is a short slug, also the
 * metric name segment: {@code launch-mode}, {@code address}, {@code disposable-email}, ...). The
 * resource turns anything but ALLOW into its problem+json answer.
 *
 * @param challenge the challenge to put in the 403's {@code challenge} member (CHALLENGE only)
 * @param retryAfterSeconds for RATE_LIMITED and UNAVAILABLE
 */
public record AdmissionDecision(
    Outcome outcome, String reason, Challenge challenge, long retryAfterSeconds) {

  public enum Outcome {
    /** Go ahead. */
    ALLOW,
    /**
     * Answer 403 {@code /challenge-required} with {@link #challenge()}; the client retries with a
     * solution.
     */
    CHALLENGE,
    /** Answer 429 {@code /rate-limited} with {@code Retry-After}. */
    RATE_LIMITED,
    /**
     * Refuse for good (e.g. a disposable email domain): 400 {@code /validation} on {@code email}.
     */
    REFUSED,
    /**
     * A check that fails closed could not run (Redis down): 503 {@code /unavailable} with {@code
     * Retry-After}.
     */
    UNAVAILABLE
  }

  /** The reason of an ALLOW that checked (and so spent) the request's challenge solution. */
  public static final String CHALLENGE_SOLVED = "challenge-solved";

  public boolean challengeSolved() {
    return outcome == Outcome.ALLOW && CHALLENGE_SOLVED.equals(reason);
  }

  public static AdmissionDecision allow(String reason) {
    return new AdmissionDecision(Outcome.ALLOW, reason, null, 0);
  }

  public static AdmissionDecision challenge(String reason, Challenge challenge) {
    return new AdmissionDecision(Outcome.CHALLENGE, reason, challenge, 0);
  }

  public static AdmissionDecision rateLimited(String reason, long retryAfterSeconds) {
    return new AdmissionDecision(
        Outcome.RATE_LIMITED, reason, null, Math.max(1, retryAfterSeconds));
  }

  public static AdmissionDecision refused(String reason) {
    return new AdmissionDecision(Outcome.REFUSED, reason, null, 0);
  }

  public static AdmissionDecision unavailable(String reason, long retryAfterSeconds) {
    return new AdmissionDecision(Outcome.UNAVAILABLE, reason, null, Math.max(1, retryAfterSeconds));
  }

  public boolean isAllowed() {
    return outcome == Outcome.ALLOW;
  }
}
