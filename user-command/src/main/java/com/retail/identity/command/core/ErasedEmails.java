package com.retail.identity.command.core;

import java.time.Instant;

/**
 * Tombstones of erased accounts, by email lookup key (a keyed hash, never the address): an account
 * its owner erased is never written back by an import (docs/adr/0007-erasure-is-final.md).
 */
public interface ErasedEmails {
  /** Idempotent. */
  void record(String emailKey, Instant erasedAt);

  boolean isErased(String emailKey);
}
