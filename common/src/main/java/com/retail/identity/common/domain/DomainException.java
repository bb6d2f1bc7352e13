package com.retail.identity.common.domain;

/**
 * A request the domain refuses, for a reason the caller can act on. Carries no HTTP: the web edge
 * maps each kind to its problem+json. Without a stack trace, as refusals are routine under a flood.
 */
public abstract class DomainException extends RuntimeException {
  protected DomainException(String message) {
    super(message, null, false, false);
  }
}
