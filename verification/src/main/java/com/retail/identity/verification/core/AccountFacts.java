package com.retail.identity.verification.core;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What eligibility needs to know about an account, without its personal data. */
public interface AccountFacts {
  record Account(UUID userId, Instant createdAt, boolean locked, boolean erased) {}

  Optional<Account> find(UUID userId);
}
