package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/** The refresh token is unknown, expired or revoked: the customer logs in again. */
public final class InvalidRefreshToken extends DomainException {
  public InvalidRefreshToken() {
    super("invalid refresh token");
  }
}
