package com.retail.identity.replayer.core;

import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.RegistrationRules;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * What an import writes for one existing customer: what a registration writes, with the legacy
 * password hash as it is (it is replaced by Argon2id on the customer's next login). The user id is
 * derived from the email lookup key, so importing a file again finds its own earlier rows.
 */
public final class ImportUsers {
  /** What became of one row. */
  public enum Outcome {
    IMPORTED, DUPLICATE, TAKEN,
    /** The customer erased this account: it is never written back (docs/adr/0007-erasure-is-final.md). */
    ERASED,
    /** Not (completely) written, e.g. a store timeout: running the file again completes it. */
    FAILED
  }

  private final PersonalDataCipher cipher;
  private final Clock clock;

  public ImportUsers(PersonalDataCipher cipher, Clock clock) {
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The event recording an imported customer, personal data sealed with the user's own key. */
  public NewEvent importedEvent(ImportRow row, UUID userId, SecretKey key) {
    String phone = RegistrationRules.e164(ImportRules.emptyToNull(row.phone()));
    PersonalData pii = new PersonalData(EmailKeys.storedForm(row.email()), row.firstName().strip(), row.lastName().strip(), phone);
    return new UserEvents.UserImported(cipher.seal(userId, key, pii), row.country(), ImportRules.emptyToNull(row.locale()),
        Boolean.TRUE.equals(row.phoneVerified()), createdAt(row), clock.instant()).toEvent();
  }

  /** When the account was created: the row's {@code createdAt}, else now. */
  public Instant createdAt(ImportRow row) {
    return row.createdAt() == null || row.createdAt().isBlank() ? clock.instant() : Instant.parse(row.createdAt());
  }

  /**
   * The phone the previous system verified, in E.164, or null. When it was verified is not exported;
   * the account's creation is the earliest it can have been, and ranks the customer before every
   * account that verified the same phone on this platform (docs/adr/0204-imported-verified-phones.md).
   */
  public static String verifiedPhone(ImportRow row) {
    return Boolean.TRUE.equals(row.phoneVerified()) ? RegistrationRules.e164(ImportRules.emptyToNull(row.phone())) : null;
  }

  /** The credential of an imported customer: the legacy hash, replaced on the first login. */
  public static Credentials.Credential credentialOf(ImportRow row, UUID userId, String emailKey) {
    return new Credentials.Credential(userId, emailKey, row.passwordHash(), Set.of(Principal.USER), 1);
  }

  public static UUID userIdFor(String emailKey) {
    return UUID.nameUUIDFromBytes(("imported:" + emailKey).getBytes(StandardCharsets.UTF_8));
  }
}
