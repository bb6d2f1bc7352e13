package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;
import java.time.Duration;

/**
 * Too many failed logins for this account: no try is checked before {@link #retryAfter()} has
 * passed.
 */
public final class LoginThrottled extends DomainException {
  private final Duration retryAfter;

  public LoginThrottled(Duration retryAfter) {
    super("login throttled");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
