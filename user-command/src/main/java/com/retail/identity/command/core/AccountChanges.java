package com.retail.identity.command.core;

import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Changes to an existing account: profile, password, erasure, a verified phone. */
public final class AccountChanges {
  /** Crash points between the writes of an erasure (the event store adds its own). */
  public static final String ERASE_AFTER_DATA_KEY = "erase:after-data-key";
  public static final String ERASE_AFTER_SESSIONS = "erase:after-sessions";
  /** Between ending the other sessions and the event of a password change. */
  public static final String PASSWORD_AFTER_SESSIONS = "password:after-sessions";

  /**
   * The profile fields to change; null leaves a field as it is. An email is refused: it is changed
   * elsewhere.
   */
  public record ProfileChange(String firstName, String lastName, String country, String phone, String locale,
      String email) {
    @Override
    public String toString() {
      return "ProfileChange[country=" + country + "]";
    }
  }

  public record PasswordChange(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "PasswordChange[]";
    }
  }

  private final RegistrationRules rules;
  private final EventStore events;
  private final Credentials credentials;
  private final EmailReservations reservations;
  private final ErasedEmails erasedEmails;
  private final RefreshTokens refreshTokens;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final PersonalDataCipher cipher;
  private final DataKeys dataKeys;
  private final Clock clock;

  public AccountChanges(RegistrationRules rules, EventStore events, Credentials credentials, EmailReservations reservations,
      ErasedEmails erasedEmails, RefreshTokens refreshTokens, PasswordHashes hashes, HashingPool pool,
      PersonalDataCipher cipher, DataKeys dataKeys, Clock clock) {
    this.rules = rules;
    this.events = events;
    this.credentials = credentials;
    this.reservations = reservations;
    this.erasedEmails = erasedEmails;
    this.refreshTokens = refreshTokens;
    this.hashes = hashes;
    this.pool = pool;
    this.cipher = cipher;
    this.dataKeys = dataKeys;
    this.clock = clock;
  }

  /**
   * Applies the given fields. With {@code expectedVersion} (from If-Match) a stale version is
   * refused ({@link StaleVersion}); without it the change applies to the current version.
   */
  public long updateProfile(UUID userId, ProfileChange change, Long expectedVersion, String correlationId) {
    List<FieldViolation> errors = RegistrationRules.errors();
    if (change.email() != null) {
      errors.add(new FieldViolation("email", "cannot be changed with this request"));
    }
    rules.name("firstName", change.firstName(), false, errors);
    rules.name("lastName", change.lastName(), false, errors);
    rules.country(change.country(), false, errors);
    rules.phone(change.phone(), errors);
    rules.locale(change.locale(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Credentials.Credential credential = existing(userId);
    PersonalData changed = new PersonalData(null, strip(change.firstName()), strip(change.lastName()),
        RegistrationRules.e164(change.phone()));
    String pii = changed.firstName() == null && changed.lastName() == null && changed.phone() == null
        ? null : sealWithExistingKey(userId, changed);
    NewEvent event = new UserEvents.ProfileUpdated(pii, change.country(), change.locale(), clock.instant()).toEvent();
    return append(credential, expectedVersion, event, Credentials.Change.NONE, correlationId);
  }

  public void changePassword(UUID userId, UUID currentSession, PasswordChange change, Long expectedVersion,
      String correlationId) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.password("newPassword", change.newPassword(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Credentials.Credential credential = existing(userId);
    if (!pool.run(() -> hashes.verify(credential.passwordHash(), change.currentPassword()))) {
      throw InvalidInput.of("currentPassword", "is not the current password");
    }
    String newHash = pool.run(() -> hashes.hash(change.newPassword()));
    // The other sessions end first: a change that fails after this logs the other devices out for
    // nothing, but one that is made can never leave them signed in.
    refreshTokens.revokeAll(userId, currentSession);
    CrashPoints.reached(PASSWORD_AFTER_SESSIONS);
    append(credential, expectedVersion, new UserEvents.PasswordChanged(clock.instant(), "changed").toEvent(),
        new Credentials.Change.NewPasswordHash(newHash), correlationId);
  }

  /**
   * Erases the account everywhere: {@code UserErased} is appended (projections delete their
   * documents), the data key is destroyed (every sealed value in the log becomes unreadable), the
   * credential and all sessions end, and the email is free to register again. The tombstone comes
   * first: whatever step fails afterwards (the customer retries), no import writes the account back.
   */
  public void erase(UUID userId, Long expectedVersion, String correlationId) {
    Credentials.Credential credential = existing(userId);
    reservations.noteErasure(credential.emailKey(), userId);
    append(credential, expectedVersion, new UserEvents.UserErased(clock.instant()).toEvent(),
        new Credentials.Change.Erased(), correlationId);
    // After the commit point (the event), so a refused erasure leaves none; the reaper writes it
    // again for an erasure that died before this line.
    erasedEmails.record(credential.emailKey(), clock.instant());
    dataKeys.destroy(userId);
    CrashPoints.reached(ERASE_AFTER_DATA_KEY);
    refreshTokens.revokeAll(userId, null);
    CrashPoints.reached(ERASE_AFTER_SESSIONS);
    reservations.release(credential.emailKey(), userId);
  }

  /** Records a phone proven by the verification service; a repeated verification id changes nothing. */
  public long phoneVerified(UUID userId, String verificationId, String phone, String correlationId) {
    Credentials.Credential credential = existing(userId);
    for (StoredEvent event : events.readStream(userId)) {
      if (EventTypes.PHONE_VERIFIED.equals(event.type())
          && verificationId.equals(UserEvents.read(event, UserEvents.PhoneVerified.class).verificationId())) {
        return event.seq();
      }
    }
    String pii = sealWithExistingKey(userId, new PersonalData(null, null, null, phone));
    return append(credential, null, new UserEvents.PhoneVerified(verificationId, pii, clock.instant()).toEvent(),
        Credentials.Change.NONE, correlationId);
  }

  /**
   * Appends the event with the credential change it records. With {@code expectedVersion} (If-Match)
   * only at exactly that version (a {@link StaleVersion} otherwise); without it at the current
   * version, re-reading it when another writer slipped in.
   */
  private long append(Credentials.Credential credential, Long expectedVersion, NewEvent event, Credentials.Change change,
      String correlationId) {
    UUID userId = credential.userId();
    if (expectedVersion != null) {
      try {
        return head(credentials.append(userId, expectedVersion, correlationId, List.of(event), change));
      } catch (StreamConflictException e) {
        throw stale(expectedVersion);
      }
    }
    long current = credential.streamVersion();
    for (int attempt = 0; ; attempt++) {
      try {
        return head(credentials.append(userId, current, correlationId, List.of(event), change));
      } catch (StreamConflictException e) {
        if (attempt >= 2) {
          throw new Conflict("The account is being changed by another request; retry.");
        }
        // The credential again, not only the version: the other writer may have erased the account,
        // and nothing may follow an erasure (not found, as for any erased account).
        current = existing(userId).streamVersion();
      }
    }
  }

  private static long head(List<StoredEvent> stored) {
    return stored.get(stored.size() - 1).seq();
  }

  /**
   * Seals with the key the account has: an erasure that destroyed it meanwhile must not get a new one
   * (the change is then refused, as its append finds the account erased).
   */
  private String sealWithExistingKey(UUID userId, PersonalData data) {
    return cipher.seal(userId, dataKeys.find(userId).orElseThrow(AccountChanges::noSuchUser), data);
  }

  private Credentials.Credential existing(UUID userId) {
    return credentials.find(userId).orElseThrow(AccountChanges::noSuchUser);
  }

  private static NotFound noSuchUser() {
    return new NotFound("No such user.");
  }

  private static StaleVersion stale(long expected) {
    return new StaleVersion("The account has changed since version " + expected + "; read it again and retry.");
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
