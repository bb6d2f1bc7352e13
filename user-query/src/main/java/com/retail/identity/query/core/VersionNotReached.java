package com.retail.identity.query.core;

import com.retail.identity.common.domain.DomainException;

/** A read asked for a version the user's stream has not reached (it may never). */
public final class VersionNotReached extends DomainException {
  private final long current;
  private final long wanted;

  public VersionNotReached(long current, long wanted) {
    super("the profile is at version " + current + ", not " + wanted);
    this.current = current;
    this.wanted = wanted;
  }

  public long current() {
    return current;
  }

  public long wanted() {
    return wanted;
  }
}
