package com.retail.identity.verification.store;

import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.verification.core.AccountFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Account facts read (read-only) from the user's stream: creation time, lock, erasure (with its
 * time) and email verification. Only plain envelope fields and timestamps are read; sealed personal
 * data ({@code pii}) is never opened.
 */
public final class StreamAccountFacts implements AccountFacts {
  private final EventStore events;
  private final Clock clock;

  public StreamAccountFacts(EventStore events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Optional<Account> find(UUID userId) {
    List<StoredEvent> stream = events.readStream(userId);
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    Instant createdAt = stream.get(0).occurredAt();
    boolean locked = false;
    Instant lockedUntil = null;
    Instant erasedAt = null;
    boolean emailVerified = false;
    for (StoredEvent event : stream) {
      switch (event.type()) {
        case EventTypes.USER_REGISTERED -> {
          Instant at = UserEvents.read(event, UserEvents.UserRegistered.class).registeredAt();
          createdAt = at != null ? at : event.occurredAt();
        }
        case EventTypes.USER_IMPORTED -> {
          Instant at = UserEvents.read(event, UserEvents.UserImported.class).createdAt();
          createdAt = at != null ? at : event.occurredAt();
        }
        case EventTypes.ACCOUNT_LOCKED -> {
          locked = true;
          lockedUntil = UserEvents.read(event, UserEvents.AccountLocked.class).until();
        }
        case EventTypes.ACCOUNT_UNLOCKED -> {
          locked = false;
          lockedUntil = null;
        }
        case EventTypes.EMAIL_VERIFIED -> emailVerified = true;
        case EventTypes.USER_ERASED -> {
          Instant at = UserEvents.read(event, UserEvents.UserErased.class).erasedAt();
          erasedAt = at != null ? at : event.occurredAt();
        }
        default -> {}
      }
    }
    if (locked && lockedUntil != null && lockedUntil.isBefore(clock.instant())) {
      locked = false;
    }
    return Optional.of(new Account(userId, createdAt, locked, erasedAt, emailVerified));
  }
}
