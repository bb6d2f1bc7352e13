package com.retail.identity.replayer.core;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Imports one existing customer: what a registration writes, with the legacy password hash as it
 * is (it is replaced by Argon2id on the customer's next login). The user id is derived from the
 * email lookup key, so importing a file again finds its own earlier rows and adds nothing, and a
 * row that crashed half way is completed.
 */
public final class ImportUsers {
  /** What became of one row. */
  public enum Outcome {
    IMPORTED, DUPLICATE, TAKEN,
    /** Not (completely) written, e.g. a store timeout: running the file again completes it. */
    FAILED
  }

  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final EventStore events;
  private final Credentials credentials;
  private final DataKeys dataKeys;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  public ImportUsers(EmailKeys emailKeys, EmailReservations reservations, EventStore events, Credentials credentials,
      DataKeys dataKeys, PersonalDataCipher cipher, Clock clock) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.events = events;
    this.credentials = credentials;
    this.dataKeys = dataKeys;
    this.cipher = cipher;
    this.clock = clock;
  }

  public Outcome importRow(ImportRow row, String correlationId) {
    return importRow(row, emailKeys.keyOf(row.email()), correlationId);
  }

  /** As {@link #importRow(ImportRow, String)}, with the row's email lookup key already computed. */
  public Outcome importRow(ImportRow row, String emailKey, String correlationId) {
    UUID userId = userIdFor(emailKey);
    if (!reservations.reserve(emailKey, userId)) {
      Optional<UUID> holder = reservations.holderOf(emailKey);
      if (holder.isEmpty() || !holder.get().equals(userId)) {
        return Outcome.TAKEN; // registered by the customer in the meantime, or imported under another file
      }
      if (reservations.ownerOf(emailKey).isPresent()) {
        return Outcome.DUPLICATE;
      }
      // Our own pending reservation from a load that stopped half way: complete it.
    }
    SecretKey key = dataKeys.find(userId).orElseGet(() -> dataKeys.createFresh(userId));
    NewEvent imported = importedEvent(row, userId, key);
    events.appendToNewStream(userId, correlationId, List.of(imported));
    credentials.save(credentialOf(row, userId, emailKey));
    reservations.confirmHeld(emailKey);
    return Outcome.IMPORTED;
  }

  /** The event recording an imported customer, personal data sealed with the user's own key. */
  public NewEvent importedEvent(ImportRow row, UUID userId, SecretKey key) {
    String phone = ImportRules.emptyToNull(row.phone());
    PersonalData pii = new PersonalData(EmailKeys.normalise(row.email()), row.firstName().strip(), row.lastName().strip(), phone);
    Instant createdAt = row.createdAt() == null || row.createdAt().isBlank() ? clock.instant() : Instant.parse(row.createdAt());
    return new UserEvents.UserImported(cipher.seal(userId, key, pii), row.country(), ImportRules.emptyToNull(row.locale()),
        Boolean.TRUE.equals(row.phoneVerified()), createdAt, clock.instant()).toEvent();
  }

  /** The credential of an imported customer: the legacy hash, replaced on the first login. */
  public static Credentials.Credential credentialOf(ImportRow row, UUID userId, String emailKey) {
    return new Credentials.Credential(userId, emailKey, row.passwordHash(), Set.of(Principal.USER), 1);
  }

  public static UUID userIdFor(String emailKey) {
    return UUID.nameUUIDFromBytes(("imported:" + emailKey).getBytes(StandardCharsets.UTF_8));
  }
}
