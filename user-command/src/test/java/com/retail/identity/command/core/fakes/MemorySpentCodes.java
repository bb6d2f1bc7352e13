package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.SpentCodes;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Spent codes as the real ones behave: the first spend of an id wins, every later one loses. */
public final class MemorySpentCodes implements SpentCodes {
  private final Set<UUID> spent = ConcurrentHashMap.newKeySet();

  @Override
  public boolean spend(UUID codeId, String clientId, Instant expiresAt) {
    return spent.add(codeId);
  }
}
