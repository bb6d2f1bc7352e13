package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/** Login refused; unknown email and wrong password are deliberately the same refusal. */
public final class InvalidCredentials extends DomainException {
  public InvalidCredentials() {
    super("invalid credentials");
  }
}
