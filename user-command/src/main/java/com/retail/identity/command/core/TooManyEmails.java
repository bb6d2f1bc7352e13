package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;
import java.time.Duration;

/** The hour's allowance of account emails to this address is spent. */
public final class TooManyEmails extends DomainException {
  private static final long serialVersionUID = 1L;

  public TooManyEmails() {
    super("too many account emails");
  }

  public Duration retryAfter() {
    return Duration.ofHours(1);
  }
}
