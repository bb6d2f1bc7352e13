package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.OneTimeTokens;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.testing.MemoryEventStore;
import java.time.Clock;
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
public final class MemoryCredentials implements Credentials, OneTimeTokens {
  private record Row(String emailKey, String passwordHash, Set<String> roles, boolean erased) {}

  private record Pending(Purpose purpose, UUID userId) {}

  private record Token(String secretHash, Instant until) {}

  private final Map<UUID, Row> rows = new HashMap<>();
  private final Map<Pending, Token> tokens = new HashMap<>();
  private final MemoryEventStore events;
  private final Clock clock;

  public MemoryCredentials(MemoryEventStore events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public boolean issue(Purpose purpose, UUID userId, String secretHash) {
    synchronized (events) {
      Row row = rows.get(userId);
      if (row == null || row.erased()) {
        return false;
      }
      tokens.put(
          new Pending(purpose, userId),
          new Token(secretHash, clock.instant().plus(purpose.life())));
      return true;
    }
  }

  @Override
  public Optional<String> pending(Purpose purpose, UUID userId) {
    synchronized (events) {
      Token token = tokens.get(new Pending(purpose, userId));
      return token == null || !clock.instant().isBefore(token.until())
          ? Optional.empty()
          : Optional.of(token.secretHash());
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
      Credential credential,
      String correlationId,
      List<NewEvent> newEvents,
      String verificationHash) {
    return events.appendToNewStream(
        credential.userId(),
        correlationId,
        newEvents,
        () -> {
          rows.put(
              credential.userId(),
              new Row(
                  credential.emailKey(),
                  credential.passwordHash(),
                  Set.copyOf(credential.roles()),
                  false));
          if (verificationHash != null) {
            tokens.put(
                new Pending(Purpose.EMAIL_VERIFICATION, credential.userId()),
                new Token(
                    verificationHash, clock.instant().plus(Purpose.EMAIL_VERIFICATION.life())));
          }
        });
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
      tokens.remove(new Pending(Purpose.PASSWORD_RESET, userId));
    } else if (change instanceof Change.Erased) {
      rows.put(userId, new Row(row.emailKey(), null, row.roles(), true));
      tokens.keySet().removeIf(pending -> pending.userId().equals(userId));
    } else if (change instanceof Change.EmailVerified) {
      tokens.remove(new Pending(Purpose.EMAIL_VERIFICATION, userId));
    } else if (change instanceof Change.NewRoles newRoles) {
      rows.put(
          userId,
          new Row(row.emailKey(), row.passwordHash(), Set.copyOf(newRoles.roles()), row.erased()));
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
