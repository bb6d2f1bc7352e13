package com.retail.identity.readmodel.store;

/** The search store failed or refused a request. */
public final class SearchStoreException extends RuntimeException {
  public SearchStoreException(String message) {
    super(message);
  }

  public SearchStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
