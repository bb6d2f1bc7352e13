package com.retail.identity.command.core;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an account's messages go, folded from its stream: the address it registered with (as it was
 * written, never the spelling someone typed into a reset form: two spellings can share an identity
 * key and still be two mailboxes), its latest names and locale, whether the address was verified,
 * and the phone it verified last (null when none).
 */
public final class AccountContacts {
  public record Contact(
      String email,
      String firstName,
      String lastName,
      String locale,
      boolean emailVerified,
      String verifiedPhone) {
    /** The words a password of this customer must not contain. */
    public RegistrationRules.OwnWords ownWords() {
      return new RegistrationRules.OwnWords(email, firstName, lastName);
    }

    @Override
    public String toString() {
      return "Contact[locale="
          + locale
          + ", emailVerified="
          + emailVerified
          + ", verifiedPhone="
          + (verifiedPhone != null)
          + "]";
    }
  }

  private final EventStore events;
  private final PersonalDataCipher cipher;

  public AccountContacts(EventStore events, PersonalDataCipher cipher) {
    this.events = events;
    this.cipher = cipher;
  }

  /** Empty for an unknown or erased account. */
  public Optional<Contact> of(UUID userId) {
    PersonalData data = null;
    String locale = null;
    boolean verified = false;
    String phone = null;
    for (StoredEvent event : events.readStream(userId)) {
      switch (event.type()) {
        case EventTypes.USER_REGISTERED -> {
          UserEvents.UserRegistered registered =
              UserEvents.read(event, UserEvents.UserRegistered.class);
          data = open(userId, registered.pii());
          locale = registered.locale();
        }
        case EventTypes.USER_IMPORTED -> {
          UserEvents.UserImported imported = UserEvents.read(event, UserEvents.UserImported.class);
          data = open(userId, imported.pii());
          locale = imported.locale();
        }
        case EventTypes.PROFILE_UPDATED -> {
          UserEvents.ProfileUpdated updated =
              UserEvents.read(event, UserEvents.ProfileUpdated.class);
          locale = updated.locale() == null ? locale : updated.locale();
          PersonalData changed = updated.pii() == null ? null : open(userId, updated.pii());
          if (data != null && changed != null) {
            data =
                new PersonalData(
                    data.email(),
                    first(changed.firstName(), data.firstName()),
                    first(changed.lastName(), data.lastName()),
                    data.phone());
          }
        }
        case EventTypes.EMAIL_VERIFIED -> verified = true;
        case EventTypes.PHONE_VERIFIED -> {
          PersonalData proven =
              open(userId, UserEvents.read(event, UserEvents.PhoneVerified.class).pii());
          phone = proven != null && proven.phone() != null ? proven.phone() : phone;
        }
        case EventTypes.USER_ERASED -> {
          return Optional.empty();
        }
        default -> {
          // nothing that says where mail goes
        }
      }
    }
    if (data == null || data.email() == null) {
      return Optional.empty(); // no registration, or its key is gone
    }
    return Optional.of(
        new Contact(data.email(), data.firstName(), data.lastName(), locale, verified, phone));
  }

  private PersonalData open(UUID userId, String sealed) {
    return cipher.open(userId, sealed, PersonalData.class).orElse(null);
  }

  private static String first(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
