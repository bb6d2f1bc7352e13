package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.RoleHolders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The role index in memory, for unit tests. */
public final class MemoryRoleHolders implements RoleHolders {
  private final Map<String, Map<UUID, Instant>> rows = new ConcurrentHashMap<>();

  @Override
  public void add(String role, UUID userId, Instant since) {
    rows.computeIfAbsent(role, r -> new ConcurrentHashMap<>()).put(userId, since);
  }

  @Override
  public void remove(String role, UUID userId) {
    rows.getOrDefault(role, Map.of()).remove(userId);
  }

  @Override
  public List<Holder> holders(String role) {
    List<Holder> holders = new ArrayList<>();
    rows.getOrDefault(role, Map.of())
        .forEach((user, since) -> holders.add(new Holder(user, since)));
    return holders;
  }
}
