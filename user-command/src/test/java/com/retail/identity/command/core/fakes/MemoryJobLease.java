package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.JobLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One holder per job until its lease runs out on the test clock. */
public final class MemoryJobLease implements JobLease {
  private record Lease(String owner, Instant until) {}

  private final Map<String, Lease> leases = new HashMap<>();
  private final Clock clock;

  public MemoryJobLease(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized boolean hold(String job, String owner, Duration ttl) {
    Lease lease = leases.get(job);
    if (lease != null && !lease.owner().equals(owner) && lease.until().isAfter(clock.instant())) {
      return false;
    }
    leases.put(job, new Lease(owner, clock.instant().plus(ttl)));
    return true;
  }

  @Override
  public synchronized void release(String job, String owner) {
    leases.computeIfPresent(job, (j, lease) -> lease.owner().equals(owner) ? null : lease);
  }
}
