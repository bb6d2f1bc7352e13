package com.retail.identity.common.challenge;

/** What a {@code X-Challenge-Solution} header turned out to be. */
public enum SolutionCheck {
  /** A correct solution of a challenge we signed, not expired, used for the first time. */
  VALID,
  /** No header. */
  MISSING,
  /** Not base64 JSON with algorithm, challenge, number, salt and signature. */
  MALFORMED,
  /** Wrong number, a signature we did not make, or an algorithm other than SHA-256. */
  INVALID,
  /** Past its {@code expires}, or without one. */
  EXPIRED,
  /** Already used once. */
  REPLAYED,
  /** Redis is down and the replay guard fails closed. */
  UNAVAILABLE;

  public String slug() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
