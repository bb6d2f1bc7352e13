package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/** A service token was asked for with an unknown client or a wrong secret. */
public final class InvalidClient extends DomainException {
  public InvalidClient() {
    super("invalid client");
  }
}
