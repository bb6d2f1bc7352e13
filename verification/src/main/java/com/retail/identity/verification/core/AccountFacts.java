package com.retail.identity.verification.core;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What eligibility needs to know about an account, without its personal data. */
public interface AccountFacts {
  /** {@code erasedAt} is null while the account lives. */
  record Account(UUID userId, Instant createdAt, boolean locked, Instant erasedAt) {
    public boolean erased() {
      return erasedAt != null;
    }
  }

  Optional<Account> find(UUID userId);
}
