package com.retail.identity.command.core;

import com.retail.identity.command.api.RegistrationRequest;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents.UserRegistered;
import com.retail.identity.common.tokens.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Registration: reserve the email (strongly), hash the password, append {@code UserRegistered},
 * save the credential snapshot, confirm the reservation. A failure after the reservation
 * releases it, so no reservation is left without a user.
 */
public final class RegisterUser {
  public record Registered(UUID userId, long version) {}

  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final PasswordHasher hasher;
  private final EventStore events;
  private final Credentials credentials;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  public RegisterUser(EmailKeys emailKeys, EmailReservations reservations, PasswordHasher hasher,
      EventStore events, Credentials credentials, PersonalDataCipher cipher, Clock clock) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.hasher = hasher;
    this.events = events;
    this.credentials = credentials;
    this.cipher = cipher;
    this.clock = clock;
  }

  public Registered register(RegistrationRequest request, Set<String> roles, String correlationId) {
    String email = EmailKeys.normalise(request.email());
    String emailKey = emailKeys.keyOf(email);
    UUID userId = UUID.randomUUID();
    if (!reservations.reserve(emailKey, userId)) {
      throw new ProblemException(Problem.of("email-taken", "Email already registered", 409,
          "An account with this email address already exists."));
    }
    try {
      String hash = hasher.hash(request.password().toCharArray());
      String pii = cipher.seal(userId, new PersonalData(email, request.firstName().strip(), request.lastName().strip(),
          request.phone()));
      UserRegistered registered = new UserRegistered(pii, request.country(), request.locale(), clock.instant());
      List<StoredEvent> appended = events.append(userId, 0, correlationId, List.of(registered.toEvent()));
      long version = appended.get(appended.size() - 1).seq();
      credentials.save(new Credentials.Credential(userId, hash, roles, version));
      reservations.confirm(emailKey, userId);
      return new Registered(userId, version);
    } catch (RuntimeException e) {
      reservations.release(emailKey, userId);
      throw e;
    }
  }

  public static Set<String> customerRoles() {
    return Set.of(Principal.USER);
  }
}
