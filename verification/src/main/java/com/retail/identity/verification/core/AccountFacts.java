package com.retail.identity.verification.core;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What eligibility needs to know about an account, without its personal data. */
public interface AccountFacts {
  /**
   * {@code erasedAt} is null while the account lives; {@code emailVerified} once the customer
   * proved their registered address.
   */
  record Account(
      UUID userId, Instant createdAt, boolean locked, Instant erasedAt, boolean emailVerified) {
    public Account(UUID userId, Instant createdAt, boolean locked, Instant erasedAt) {
      this(userId, createdAt, locked, erasedAt, false);
    }

    public boolean erased() {
      return erasedAt != null;
    }
  }

  Optional<Account> find(UUID userId);
}
