package com.retail.identity.command.core;

import java.time.Duration;

/** A lease that lets one instance at a time run a background job. */
public interface JobLease {
  /**
   * Takes or renews the lease of {@code job} for {@code owner}; false while another owner holds it.
   */
  boolean hold(String job, String owner, Duration ttl);

  /** Gives the lease of {@code job} up if {@code owner} holds it, so another takes it at once. */
  void release(String job, String owner);
}
