package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.ErasedEmails;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tombstones of erased accounts by email lookup key. */
public final class MemoryErasedEmails implements ErasedEmails {
  private final Map<String, Instant> tombstones = new ConcurrentHashMap<>();

  @Override
  public void record(String emailKey, Instant erasedAt) {
    tombstones.put(emailKey, erasedAt);
  }

  @Override
  public boolean isErased(String emailKey) {
    return tombstones.containsKey(emailKey);
  }
}
