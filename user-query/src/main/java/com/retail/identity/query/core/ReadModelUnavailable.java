package com.retail.identity.query.core;

/**
 * A read model cannot answer now (store down, circuit open, too slow); the caller may retry
 * shortly.
 */
public final class ReadModelUnavailable extends RuntimeException {
  public ReadModelUnavailable(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
