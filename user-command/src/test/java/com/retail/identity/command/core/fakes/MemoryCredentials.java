package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.PasswordResets;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.testing.MemoryEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Credentials and pending resets beside the user's stream, as the real ones live in the stream's
 * partition: each change is made in the same write as the event that records it, and only if that
 * append lands; a new password hash clears the pending reset.
 */
public final class MemoryCredentials implements Credentials, PasswordResets {
  private record Row(String emailKey, String passwordHash, Set<String> roles, boolean erased) {}

  private record Reset(String secretHash, Instant until) {}

  private final Map<UUID, Row> rows = new HashMap<>();
  private final Map<UUID, Reset> resets = new HashMap<>();
  private final MemoryEventStore events;
  private final Clock clock;

  public MemoryCredentials(MemoryEventStore events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public boolean issue(UUID userId, String secretHash, Duration life) {
    synchronized (events) {
      Row row = rows.get(userId);
      if (row == null || row.erased()) {
        return false;
      }
      resets.put(userId, new Reset(secretHash, clock.instant().plus(life)));
      return true;
    }
  }

  @Override
  public Optional<String> pending(UUID userId) {
    synchronized (events) {
      Reset reset = resets.get(userId);
      return reset == null || !clock.instant().isBefore(reset.until())
          ? Optional.empty()
          : Optional.of(reset.secretHash());
    }
  }

  @Override
  public Optional<Credential> find(UUID userId) {
    synchronized (events) {
      Row row = rows.get(userId);
      long version = events.currentVersion(userId);
      if (row == null || row.erased() || version == 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Credential(userId, row.emailKey(), row.passwordHash(), row.roles(), version));
    }
  }

  @Override
  public List<StoredEvent> open(
      Credential credential, String correlationId, List<NewEvent> newEvents) {
    return events.appendToNewStream(
        credential.userId(),
        correlationId,
        newEvents,
        () ->
            rows.put(
                credential.userId(),
                new Row(
                    credential.emailKey(),
                    credential.passwordHash(),
                    Set.copyOf(credential.roles()),
                    false)));
  }

  @Override
  public List<StoredEvent> append(
      UUID userId,
      long expectedVersion,
      String correlationId,
      List<NewEvent> newEvents,
      Change change) {
    return events.append(
        userId, expectedVersion, correlationId, newEvents, () -> apply(userId, change));
  }

  private void apply(UUID userId, Change change) {
    Row row = rows.get(userId);
    if (row == null) {
      return;
    }
    if (change instanceof Change.NewPasswordHash hash) {
      rows.put(userId, new Row(row.emailKey(), hash.passwordHash(), row.roles(), row.erased()));
      resets.remove(userId);
    } else if (change instanceof Change.Erased) {
      rows.put(userId, new Row(row.emailKey(), null, row.roles(), true));
      resets.remove(userId);
    }
  }

  @Override
  public void rehash(UUID userId, String oldHash, String newHash) {
    synchronized (events) {
      Row row = rows.get(userId);
      if (row != null && Objects.equals(row.passwordHash(), oldHash)) {
        rows.put(userId, new Row(row.emailKey(), newHash, row.roles(), row.erased()));
      }
    }
  }
}
