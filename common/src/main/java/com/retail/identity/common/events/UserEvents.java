package com.retail.identity.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Payload schemas of user events, and their JSON codec. Personal data travels only inside a {@code
 * pii} member sealed with the user's data key; everything else is plain.
 *
 * <p>Each payload type names its current schema version. A stored event of an older version is
 * upcast, one version at a time, by the functions in {@link #UPCASTERS} before it is read, so
 * readers only ever see the current shape.
 */
public final class UserEvents {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** (type, from-version) -> the step to the next version. */
  static final Map<String, Map<Integer, UnaryOperator<ObjectNode>>> UPCASTERS =
      Map.of(
          // Version 1 of AccountLocked had no end: such a lock lasted until unlocked by hand.
          EventTypes.ACCOUNT_LOCKED, Map.of(1, v1 -> v1.putNull("until")));

  private UserEvents() {}

  /** A customer registered; {@code pii} seals email, first and last name and the optional phone. */
  public record UserRegistered(String pii, String country, String locale, Instant registeredAt)
      implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.USER_REGISTERED, VERSION, write(this));
    }
  }

  /** An existing customer loaded from the previous system. */
  public record UserImported(
      String pii,
      String country,
      String locale,
      boolean phoneVerified,
      Instant createdAt,
      Instant importedAt)
      implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.USER_IMPORTED, VERSION, write(this));
    }
  }

  /**
   * Profile fields changed; {@code pii} seals only the personal fields that changed (may be null).
   */
  public record ProfileUpdated(String pii, String country, String locale, Instant updatedAt)
      implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.PROFILE_UPDATED, VERSION, write(this));
    }
  }

  /** The password changed; the hash itself lives only in the credential snapshot. */
  public record PasswordChanged(Instant changedAt, String reason) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.PASSWORD_CHANGED, VERSION, write(this));
    }
  }

  /** A code was sent to a phone; {@code pii} seals the phone number. */
  public record PhoneVerificationRequested(String verificationId, String pii, Instant requestedAt)
      implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.PHONE_VERIFICATION_REQUESTED, VERSION, write(this));
    }
  }

  /** The customer proved they hold the phone; {@code pii} seals the phone number. */
  public record PhoneVerified(String verificationId, String pii, Instant verifiedAt)
      implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.PHONE_VERIFIED, VERSION, write(this));
    }
  }

  /**
   * The customer proved the address they registered with (the emailed verification link); the
   * address itself is in the registration's sealed data.
   */
  public record EmailVerified(Instant verifiedAt) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.EMAIL_VERIFIED, VERSION, write(this));
    }
  }

  /**
   * The account's staff roles changed ({@code roles}: all it holds now); who did it and why is in
   * the audit trail.
   */
  public record RolesChanged(java.util.Set<String> roles, Instant changedAt) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.ROLES_CHANGED, VERSION, write(this));
    }
  }

  /** Login activity, kept in its own time-bucketed stream, not in the user's. */
  public record LoginSucceeded(Instant at) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.LOGIN_SUCCEEDED, VERSION, write(this));
    }
  }

  public record LoginFailed(Instant at, int consecutiveFailures) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.LOGIN_FAILED, VERSION, write(this));
    }
  }

  /** Locked by an operator or after too many failures; {@code until} null means until unlocked. */
  public record AccountLocked(String reason, Instant lockedAt, Instant until) implements Payload {
    public static final int VERSION = 2;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.ACCOUNT_LOCKED, VERSION, write(this));
    }
  }

  public record AccountUnlocked(Instant unlockedAt) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.ACCOUNT_UNLOCKED, VERSION, write(this));
    }
  }

  /** Erased everywhere; the data key is gone, so earlier sealed values can no longer be read. */
  public record UserErased(Instant erasedAt) implements Payload {
    public static final int VERSION = 1;

    @Override
    public NewEvent toEvent() {
      return new NewEvent(EventTypes.USER_ERASED, VERSION, write(this));
    }
  }

  /** Every payload knows its event type and version. */
  public interface Payload {
    NewEvent toEvent();
  }

  public static String write(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
    }
  }

  /** Reads a stored event's payload at the current schema version, upcasting older ones. */
  public static <T> T read(StoredEvent event, Class<T> type) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(event.payload());
      Map<Integer, UnaryOperator<ObjectNode>> steps =
          UPCASTERS.getOrDefault(event.type(), Map.of());
      for (int version = event.schemaVersion(); steps.containsKey(version); version++) {
        node = steps.get(version).apply(node);
      }
      return JSON.treeToValue(node, type);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException(
          "event " + event.eventId() + " of type " + event.type() + " is unreadable", e);
    }
  }
}
