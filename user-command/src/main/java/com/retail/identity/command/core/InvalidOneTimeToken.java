package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/**
 * A reset or verification token that is malformed, forged, expired, used or replaced: one answer
 * for all, so that nothing is learnt from which.
 */
public final class InvalidOneTimeToken extends DomainException {
  private static final long serialVersionUID = 1L;

  public InvalidOneTimeToken() {
    super("invalid one-time token");
  }
}
