package com.retail.identity.common.crypto;

/**
 * The service holding a master key (a KMS) could not wrap or unwrap in time: the request that
 * needed it answers 503 and changes nothing.
 */
public final class MasterKeyUnavailable extends RuntimeException {
  public MasterKeyUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
