package com.retail.identity.common.domain;

import java.time.Duration;

/**
 * The work cannot be done right now (busy, or a dependency is down); worth retrying after a while.
 */
public final class Unavailable extends DomainException {
  private final Duration retryAfter;

  public Unavailable(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
