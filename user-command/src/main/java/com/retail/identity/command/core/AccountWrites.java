package com.retail.identity.command.core;

import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import java.util.List;
import java.util.UUID;

/**
 * The one rule by which every change to an existing account is written. Only a live account takes a
 * change (an unknown or erased one is not found). With the version the caller read (If-Match) the
 * change lands at exactly that version or is refused as {@link StaleVersion}; without one it lands
 * at the current version, read again when another writer slipped in, and the caller is told to
 * retry ({@link Conflict}) only after three lost races.
 */
public final class AccountWrites {
  private static final int ATTEMPTS = 3;
  private final Credentials credentials;

  public AccountWrites(Credentials credentials) {
    this.credentials = credentials;
  }

  public Credentials.Credential live(UUID userId) {
    return credentials.find(userId).orElseThrow(AccountWrites::noSuchUser);
  }

  /**
   * Appends the event with the credential change it records, in one write; returns the new version.
   */
  public long append(
      Credentials.Credential credential,
      Long expectedVersion,
      NewEvent event,
      Credentials.Change change,
      String correlationId) {
    UUID userId = credential.userId();
    // Always written at the version read live: the condition then also holds that the account was
    // live. A caller's version other than that one is stale (or one the account never had); written
    // at the caller's version instead, a change could land right after an erasure that made it.
    if (expectedVersion != null && expectedVersion != credential.streamVersion()) {
      throw stale(expectedVersion);
    }
    long current = credential.streamVersion();
    for (int attempt = 1; ; attempt++) {
      try {
        return head(credentials.append(userId, current, correlationId, List.of(event), change));
      } catch (StreamConflictException e) {
        if (expectedVersion != null) {
          throw stale(expectedVersion);
        }
        if (attempt >= ATTEMPTS) {
          throw new Conflict("The account is being changed by another request; retry.");
        }
        // The credential again, not only the version: the other writer may have erased the account,
        // and nothing may follow an erasure (not found, as for any erased account).
        current = live(userId).streamVersion();
      }
    }
  }

  private static StaleVersion stale(long expectedVersion) {
    return new StaleVersion(
        "The account has changed since version " + expectedVersion + "; read it again and retry.");
  }

  static NotFound noSuchUser() {
    return new NotFound("No such user.");
  }

  private static long head(List<StoredEvent> stored) {
    return stored.get(stored.size() - 1).seq();
  }
}
