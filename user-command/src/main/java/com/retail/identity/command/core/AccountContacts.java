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
 * Where an account's emails go, folded from its stream: the address it registered with (as it was
 * written, never the spelling someone typed into a reset form: two spellings can share an identity
 * key and still be two mailboxes), its latest locale and whether the address was verified.
 */
public final class AccountContacts {
  public record Contact(String email, String locale, boolean emailVerified) {
    @Override
    public String toString() {
      return "Contact[locale=" + locale + ", emailVerified=" + emailVerified + "]";
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
    String sealed = null;
    String locale = null;
    boolean verified = false;
    for (StoredEvent event : events.readStream(userId)) {
      switch (event.type()) {
        case EventTypes.USER_REGISTERED -> {
          UserEvents.UserRegistered registered =
              UserEvents.read(event, UserEvents.UserRegistered.class);
          sealed = registered.pii();
          locale = registered.locale();
        }
        case EventTypes.USER_IMPORTED -> {
          UserEvents.UserImported imported = UserEvents.read(event, UserEvents.UserImported.class);
          sealed = imported.pii();
          locale = imported.locale();
        }
        case EventTypes.PROFILE_UPDATED -> {
          String changed = UserEvents.read(event, UserEvents.ProfileUpdated.class).locale();
          locale = changed == null ? locale : changed;
        }
        case EventTypes.EMAIL_VERIFIED -> verified = true;
        case EventTypes.USER_ERASED -> {
          return Optional.empty();
        }
        default -> {
          // nothing that says where mail goes
        }
      }
    }
    String latestLocale = locale;
    boolean emailVerified = verified;
    return cipher
        .open(userId, sealed, PersonalData.class)
        .map(PersonalData::email)
        .map(email -> new Contact(email, latestLocale, emailVerified));
  }
}
