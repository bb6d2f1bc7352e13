package com.retail.identity.command.core.admission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The shared state admission control decides on: token buckets, the disposable-domain reference
 * list and the login signals per client address. Redis in production (one round trip per decision);
 * the state of this instance while Redis is down.
 */
public interface AdmissionCounters {
  /**
   * In one atomic step: takes a token from every bucket if each has one, or from none; looks the
   * domain candidates up in the disposable-domain list; reads the address's login signals of {@code
   * window} and the window before.
   *
   * @throws CountersUnavailable when the state cannot be reached
   */
  Reading takeTokensAndRead(
      List<Bucket> buckets,
      List<String> domainCandidates,
      String address,
      long window,
      long nowMillis);

  /**
   * Counts one login of {@code address} in {@code window}, kept for {@code keep}.
   *
   * @param accountPseudonym a pseudonym of the account tried, or null when unknown
   * @throws CountersUnavailable when the state cannot be reached
   */
  void recordLogin(
      String address, String accountPseudonym, boolean success, long window, Duration keep);

  /**
   * What one {@link #takeTokensAndRead} found.
   *
   * @param emptyBucket the first bucket without a token (then no bucket gave one), or empty
   * @param refillMillis for an empty bucket: how long until every empty bucket has a token again
   */
  record Reading(
      Optional<Bucket> emptyBucket,
      long refillMillis,
      DisposableListing listing,
      LoginSignals signals) {
    public Reading withSignals(LoginSignals replaced) {
      return new Reading(emptyBucket, refillMillis, listing, replaced);
    }
  }

  /** The shared state could not be reached (Redis down or timing out). */
  final class CountersUnavailable extends RuntimeException {
    public CountersUnavailable(Throwable cause) {
      super("admission counters unavailable: " + cause.getMessage(), cause);
    }
  }
}
