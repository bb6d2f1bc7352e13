package com.retail.identity.command.core.admission;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The admission state in memory: the in-process buckets and signals, a disposable-domain reference
 * list that answers as the Redis SET does, and a switch that makes it unreachable.
 */
final class InMemoryAdmissionCounters implements AdmissionCounters {
  private final InProcessAdmissionCounters state = new InProcessAdmissionCounters();
  private final Set<String> disposableList = new HashSet<>();
  private boolean down;

  void listDisposable(String... domains) {
    disposableList.addAll(List.of(domains));
  }

  void goDown() {
    down = true;
  }

  @Override
  public Reading takeTokensAndRead(
      List<Bucket> buckets,
      List<String> domainCandidates,
      String address,
      long window,
      long nowMillis) {
    failIfDown();
    Reading reading =
        state.takeTokensAndRead(buckets, domainCandidates, address, window, nowMillis);
    DisposableListing listing;
    if (domainCandidates.isEmpty()) {
      listing = DisposableListing.NOT_LISTED;
    } else if (disposableList.isEmpty()) {
      listing = DisposableListing.NO_LIST;
    } else {
      listing =
          domainCandidates.stream().anyMatch(disposableList::contains)
              ? DisposableListing.LISTED
              : DisposableListing.NOT_LISTED;
    }
    return new Reading(reading.emptyBucket(), reading.refillMillis(), listing, reading.signals());
  }

  @Override
  public void recordLogin(
      String address, String accountPseudonym, boolean success, long window, Duration keep) {
    failIfDown();
    state.recordLogin(address, accountPseudonym, success, window, keep);
  }

  private void failIfDown() {
    if (down) {
      throw new CountersUnavailable(new IllegalStateException("connection refused"));
    }
  }
}
