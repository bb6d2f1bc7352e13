package com.retail.identity.common.domain;

/** The caller acted on a version that is no longer the current one; it should read again. */
public final class StaleVersion extends DomainException {
  public StaleVersion(String message) {
    super(message);
  }
}
