package com.retail.identity.common.crypto;

/**
 * Wraps and unwraps per-user data keys. Locally a key from configuration; in production an
 * implementation backed by a KMS, so the master key never leaves it.
 */
public interface MasterKey {
  /** Names the master key a data key was wrapped with, so keys can be rotated. */
  String id();

  byte[] wrap(byte[] dataKey);

  byte[] unwrap(byte[] wrappedDataKey);
}
