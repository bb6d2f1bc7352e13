package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;
import java.time.Duration;

/** The hour's allowance of account emails to this address is spent. */
public final class TooManyEmails extends DomainException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter until the hour's allowance starts over
   */
  public TooManyEmails(Duration retryAfter) {
    super("too many account emails");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
