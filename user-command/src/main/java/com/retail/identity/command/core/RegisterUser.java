package com.retail.identity.command.core;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents.UserRegistered;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.tokens.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Registration: validate, reserve the email (strongly), hash the password, append {@code
 * UserRegistered} with the credential snapshot and the pending email verification, confirm the
 * reservation, queue the verification email. A failure after the reservation releases it while no
 * event was written; after that, the {@link ReservationReaper} settles it, so no reservation is
 * left without a user and no user without a reservation, unless the app retries first with the same
 * idempotency key ({@link #registerOnce}), which completes it.
 */
public final class RegisterUser {
  /** Crash points between the writes of a registration (the event store adds its own). */
  public static final String AFTER_RESERVATION = "register:after-reservation";

  public static final String AFTER_DATA_KEY = "register:after-data-key";

  /** What a customer registers with; phone and locale are optional. */
  public record Command(
      String email,
      String password,
      String firstName,
      String lastName,
      String country,
      String phone,
      String locale) {
    @Override
    public String toString() {
      return "RegisterUser.Command[country=" + country + "]";
    }
  }

  public record Registered(UUID userId, long version) {}

  private final RegistrationRules rules;
  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final PasswordHashes hashes;
  private final HashingPool pool;
  private final EventStore events;
  private final Credentials credentials;
  private final PersonalDataCipher cipher;
  private final EmailVerification emailVerification;
  private final Clock clock;

  public RegisterUser(
      RegistrationRules rules,
      EmailKeys emailKeys,
      EmailReservations reservations,
      PasswordHashes hashes,
      HashingPool pool,
      EventStore events,
      Credentials credentials,
      PersonalDataCipher cipher,
      EmailVerification emailVerification,
      Clock clock) {
    this.rules = rules;
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.hashes = hashes;
    this.pool = pool;
    this.events = events;
    this.credentials = credentials;
    this.cipher = cipher;
    this.emailVerification = emailVerification;
    this.clock = clock;
  }

  /** Every rule is checked before any work, and every broken one is reported. */
  public void validate(Command request) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.email(request.email(), errors);
    rules.password(
        "password",
        request.password(),
        new RegistrationRules.OwnWords(request.email(), request.firstName(), request.lastName()),
        errors);
    rules.name("firstName", request.firstName(), true, errors);
    rules.name("lastName", request.lastName(), true, errors);
    rules.country(request.country(), true, errors);
    rules.phone(request.phone(), errors);
    rules.locale(request.locale(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
  }

  public Registered register(Command request, String correlationId) {
    validate(request);
    return create(request, Set.of(Principal.USER), correlationId);
  }

  /**
   * A registration the app may send again, with the same {@code retryKey} (its idempotency key and
   * body), when it heard no answer. The account's id is derived from the key with the platform's
   * secret, so a retry meets what the unanswered attempt left (its reservation, data key or whole
   * account) as its own and completes that registration, instead of finding the email "taken" by
   * itself until the reaper frees it (ADR 0005).
   */
  public Registered registerOnce(Command request, String retryKey, String correlationId) {
    validate(request);
    UUID userId =
        UUID.nameUUIDFromBytes(
            emailKeys.fingerprint("registration:" + retryKey).getBytes(StandardCharsets.UTF_8));
    String email = EmailKeys.storedForm(request.email());
    String emailKey = emailKeys.keyOf(email);
    EmailReservations.Reservation reservation = reservations.reserve(emailKey, userId);
    if (reservation == EmailReservations.Reservation.TAKEN) {
      throw new EmailTaken();
    }
    if (reservation == EmailReservations.Reservation.ALREADY_HELD) {
      Optional<Credentials.Credential> earlier = credentials.find(userId);
      if (earlier.isPresent()) {
        // The unanswered attempt opened the account: this answer is the one it never gave. Its
        // verification email may not have gone; the customer can ask for another.
        reservations.confirm(emailKey, userId);
        return new Registered(userId, earlier.get().streamVersion());
      }
    }
    // One read, only for retryable registrations: an id that was used before must not be opened
    // again over its stream (the reaper erased that attempt, or is erasing it right now).
    if (events.currentVersion(userId) > 0) {
      reservations.release(emailKey, userId);
      return create(request, Set.of(Principal.USER), correlationId);
    }
    boolean keyMayExist = reservation == EmailReservations.Reservation.ALREADY_HELD;
    return open(
        request, Set.of(Principal.USER), correlationId, userId, email, emailKey, keyMayExist);
  }

  /** Creates the account without the password-strength rule: for the seeded local admin only. */
  public Registered create(Command request, Set<String> roles, String correlationId) {
    String email = EmailKeys.storedForm(request.email());
    String emailKey = emailKeys.keyOf(email);
    UUID userId = UUID.randomUUID();
    if (reservations.reserve(emailKey, userId) != EmailReservations.Reservation.RESERVED) {
      throw new EmailTaken();
    }
    return open(request, roles, correlationId, userId, email, emailKey, false);
  }

  /**
   * Everything after the reservation. {@code keyMayExist}: an earlier attempt of this registration
   * may have created the data key (and its stream may still land), so the key is reused, never
   * replaced.
   */
  private Registered open(
      Command request,
      Set<String> roles,
      String correlationId,
      UUID userId,
      String email,
      String emailKey,
      boolean keyMayExist) {
    CrashPoints.reached(AFTER_RESERVATION);
    boolean appending = false;
    try {
      String hash = pool.run(() -> hashes.hash(request.password()));
      PersonalData personalData =
          new PersonalData(
              email,
              request.firstName().strip(),
              request.lastName().strip(),
              RegistrationRules.e164(request.phone()));
      // The reservation is the uniqueness guard and the stream is new (a retry's id was just found
      // without one): the stream needs no conditional write, nor a fresh data key a read.
      String pii =
          keyMayExist ? cipher.seal(userId, personalData) : cipher.sealNew(userId, personalData);
      CrashPoints.reached(AFTER_DATA_KEY);
      UserRegistered registered =
          new UserRegistered(pii, request.country(), request.locale(), clock.instant());
      // The pending email verification is part of the account's first write, not a write of its
      // own.
      OneTimeToken verification = emailVerification.newToken(userId);
      appending = true;
      List<StoredEvent> appended =
          credentials.open(
              new Credentials.Credential(userId, emailKey, hash, roles, 1),
              correlationId,
              List.of(registered.toEvent()),
              verification.secretHash());
      long version = appended.get(appended.size() - 1).seq();
      reservations.confirm(emailKey, userId);
      emailVerification.send(
          verification,
          new AccountContacts.Contact(
              email, request.firstName(), request.lastName(), request.locale(), false, null));
      return new Registered(userId, version);
    } catch (RuntimeException e) {
      try {
        // Once the stream may exist, releasing could leave a user without a reservation: the
        // reservation reaper settles it after the abandonment window instead.
        if (!appending || events.currentVersion(userId) == 0) {
          reservations.release(emailKey, userId);
        }
      } catch (RuntimeException releaseFailed) {
        // The store is down: the pending reservation is taken over or reaped (ReservationReaper).
        e.addSuppressed(releaseFailed);
      }
      throw e;
    }
  }
}
