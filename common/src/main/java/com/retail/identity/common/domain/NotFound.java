package com.retail.identity.common.domain;

/** The thing asked for does not exist (or no longer does); the message says which thing. */
public final class NotFound extends DomainException {
  public NotFound(String message) {
    super(message);
  }
}
