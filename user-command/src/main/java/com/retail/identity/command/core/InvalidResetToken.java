package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/**
 * A reset token that is malformed, forged, expired, used or replaced: one answer for all, so that
 * nothing is learnt from which.
 */
public final class InvalidResetToken extends DomainException {
  private static final long serialVersionUID = 1L;

  public InvalidResetToken() {
    super("invalid reset token");
  }
}
