package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.LoginActivity;
import com.retail.identity.common.events.UserEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Login outcomes per user, in the order they were recorded. */
public final class MemoryLoginActivity implements LoginActivity {
  private final Map<UUID, List<UserEvents.Payload>> recorded = new ConcurrentHashMap<>();

  @Override
  public void record(UUID userId, UserEvents.Payload event) {
    recorded.computeIfAbsent(userId, u -> new ArrayList<>()).add(event);
  }

  public List<UserEvents.Payload> of(UUID userId) {
    return List.copyOf(recorded.getOrDefault(userId, List.of()));
  }
}
