package com.retail.identity.common.domain;

/** Another change got in the way and kept winning; the caller may simply retry. */
public final class Conflict extends DomainException {
  public Conflict(String message) {
    super(message);
  }
}
