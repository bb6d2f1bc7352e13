package com.retail.identity.command.core;

import java.time.Instant;
import java.util.UUID;

/** The authorization codes already redeemed: each one works once, across every instance. */
public interface SpentCodes {
  /** True the first time a code is spent, false every time after; remembered past its expiry. */
  boolean spend(UUID codeId, String clientId, Instant expiresAt);
}
