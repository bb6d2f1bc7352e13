package com.retail.identity.verification.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Verification's own record of verified phones (Cassandra; keyed phone hashes only), written when a
 * confirmation succeeded, and of accounts flagged by operators.
 */
public interface PhoneRecords {
  record VerifiedPhone(UUID userId, String phoneHash, Instant verifiedAt, String verificationId) {}

  record Owner(UUID userId, Instant firstVerifiedAt) {}

  /** Idempotent: the same verification recorded twice changes nothing. */
  void recordVerified(UUID userId, String phoneHash, String verificationId, Instant at);

  Optional<VerifiedPhone> verifiedPhone(UUID userId);

  /** Every account that verified this phone, with when it first did. */
  List<Owner> owners(String phoneHash);

  Optional<String> flag(UUID userId);

  void setFlag(UUID userId, String reason, Instant at);

  void clearFlag(UUID userId);
}
