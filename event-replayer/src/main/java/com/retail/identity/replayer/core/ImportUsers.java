package com.retail.identity.replayer.core;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
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

/**
 * Imports one existing customer: what a registration writes, with the legacy password hash as it
 * is (it is replaced by Argon2id on the customer's next login). The user id is derived from the
 * email lookup key, so importing a file again finds its own earlier rows and adds nothing, and a
 * row that crashed half way is completed.
 */
public final class ImportUsers {
  /** What became of one row. */
  public enum Outcome { IMPORTED, DUPLICATE, TAKEN }

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
    String email = EmailKeys.normalise(row.email());
    String emailKey = emailKeys.keyOf(email);
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
    dataKeys.find(userId).orElseGet(() -> dataKeys.createFresh(userId));
    String phone = ImportRules.emptyToNull(row.phone());
    String pii = cipher.seal(userId, new PersonalData(email, row.firstName().strip(), row.lastName().strip(), phone));
    Instant createdAt = row.createdAt() == null || row.createdAt().isBlank() ? clock.instant() : Instant.parse(row.createdAt());
    UserEvents.UserImported imported = new UserEvents.UserImported(pii, row.country(), ImportRules.emptyToNull(row.locale()),
        Boolean.TRUE.equals(row.phoneVerified()), createdAt, clock.instant());
    events.appendToNewStream(userId, correlationId, List.of(imported.toEvent()));
    credentials.save(new Credentials.Credential(userId, emailKey, row.passwordHash(), Set.of(Principal.USER), 1));
    reservations.confirmHeld(emailKey);
    return Outcome.IMPORTED;
  }

  static UUID userIdFor(String emailKey) {
    return UUID.nameUUIDFromBytes(("imported:" + emailKey).getBytes(StandardCharsets.UTF_8));
  }
}
