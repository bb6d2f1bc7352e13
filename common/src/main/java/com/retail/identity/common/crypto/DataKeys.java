package com.retail.identity.common.crypto;

import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Per-user data keys: personal data in events is sealed with its user's key; erasing deletes the
 * key.
 */
public interface DataKeys {
  /** The user's key, created on first use. */
  SecretKey getOrCreate(UUID userId);

  /** A new key for a user id nobody else can hold yet (bulk import); no conditional write. */
  SecretKey createFresh(UUID userId);

  /** The user's key, or empty once the user has been erased. */
  Optional<SecretKey> find(UUID userId);

  /**
   * Crypto-shredding: every sealed value of this user becomes unreadable, in every copy of the log.
   */
  void destroy(UUID userId);
}
