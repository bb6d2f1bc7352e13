package com.retail.identity.command.core;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The pending password reset of an account: the hash of its one-time token, beside the credential.
 * A newer request replaces it; any new password hash written with an event clears it (in that same
 * write), so a token works once and no longer than its life.
 */
public interface PasswordResets {
  /** Stores the pending reset; false when the account is erased (nothing stored). */
  boolean issue(UUID userId, String secretHash, Duration life);

  /** The secret hash of the pending reset, if one is pending and not expired. */
  Optional<String> pending(UUID userId);
}
