package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/** Registration refused: an account with this email address already exists. */
public final class EmailTaken extends DomainException {
  public EmailTaken() {
    super("email already registered");
  }
}
