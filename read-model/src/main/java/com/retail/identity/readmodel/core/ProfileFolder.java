package com.retail.identity.readmodel.core;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Folds a user's event stream into the profile it describes, opening the sealed personal data. The
 * projector, the read path's last resort and the replayer all use this one fold, so every read
 * model holds exactly what the stream says.
 *
 * <p>Empty means there is no profile to show: the stream is empty, the user was erased, or the data
 * key is gone (crypto-shredded), so the personal data can no longer be opened.
 */
public final class ProfileFolder {
  private final PersonalDataCipher cipher;

  public ProfileFolder(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  public Optional<Profile> fold(List<StoredEvent> stream) {
    // Terminal, and checked before anything is opened: nothing before or after an erasure brings
    // the
    // profile back, and no sealed value of an erased account is opened, whatever key it now has.
    if (stream.stream().anyMatch(event -> EventTypes.USER_ERASED.equals(event.type()))) {
      return Optional.empty();
    }
    Profile profile = null;
    for (StoredEvent event : stream) {
      profile = apply(profile, event);
    }
    return Optional.ofNullable(profile);
  }

  /**
   * The profile after one more event; null while there is none (not yet registered, or unreadable).
   */
  Profile apply(Profile profile, StoredEvent event) {
    switch (event.type()) {
      case EventTypes.USER_REGISTERED -> {
        UserEvents.UserRegistered registered =
            UserEvents.read(event, UserEvents.UserRegistered.class);
        return open(event, registered.pii())
            .map(
                p ->
                    new Profile(
                        event.userId(),
                        p.email(),
                        p.firstName(),
                        p.lastName(),
                        p.phone(),
                        false,
                        false,
                        registered.country(),
                        registered.locale(),
                        first(registered.registeredAt(), event.occurredAt()),
                        event.seq()))
            .orElse(null);
      }
      case EventTypes.USER_IMPORTED -> {
        UserEvents.UserImported imported = UserEvents.read(event, UserEvents.UserImported.class);
        return open(event, imported.pii())
            .map(
                p ->
                    new Profile(
                        event.userId(),
                        p.email(),
                        p.firstName(),
                        p.lastName(),
                        p.phone(),
                        imported.phoneVerified() && p.phone() != null,
                        false,
                        imported.country(),
                        imported.locale(),
                        first(imported.createdAt(), event.occurredAt()),
                        event.seq()))
            .orElse(null);
      }
      case EventTypes.PROFILE_UPDATED -> {
        if (profile == null) {
          return null;
        }
        UserEvents.ProfileUpdated updated = UserEvents.read(event, UserEvents.ProfileUpdated.class);
        PersonalData changed = new PersonalData(null, null, null, null);
        if (updated.pii() != null) {
          Optional<PersonalData> opened = open(event, updated.pii());
          if (opened.isEmpty()) {
            return null; // the key is gone: shredded
          }
          changed = opened.get();
        }
        String phone = first(changed.phone(), profile.phone());
        // A new number is not verified until the customer proves they hold it.
        boolean verified = profile.phoneVerified() && Objects.equals(phone, profile.phone());
        return new Profile(
            profile.userId(),
            first(changed.email(), profile.email()),
            first(changed.firstName(), profile.firstName()),
            first(changed.lastName(), profile.lastName()),
            phone,
            verified,
            profile.emailVerified(),
            first(updated.country(), profile.country()),
            first(updated.locale(), profile.locale()),
            profile.createdAt(),
            event.seq());
      }
      case EventTypes.PHONE_VERIFIED -> {
        if (profile == null) {
          return null;
        }
        UserEvents.PhoneVerified verified = UserEvents.read(event, UserEvents.PhoneVerified.class);
        Optional<PersonalData> opened = open(event, verified.pii());
        if (opened.isEmpty()) {
          return null;
        }
        String phone = first(opened.get().phone(), profile.phone());
        return new Profile(
            profile.userId(),
            profile.email(),
            profile.firstName(),
            profile.lastName(),
            phone,
            true,
            profile.emailVerified(),
            profile.country(),
            profile.locale(),
            profile.createdAt(),
            event.seq());
      }
      case EventTypes.EMAIL_VERIFIED -> {
        if (profile == null) {
          return null;
        }
        return new Profile(
            profile.userId(),
            profile.email(),
            profile.firstName(),
            profile.lastName(),
            profile.phone(),
            profile.phoneVerified(),
            true,
            profile.country(),
            profile.locale(),
            profile.createdAt(),
            event.seq());
      }
      default -> {
        // Events that do not change the profile still advance its version.
        return profile == null ? null : profile.withVersion(event.seq());
      }
    }
  }

  private Optional<PersonalData> open(StoredEvent event, String sealed) {
    return cipher.open(event.userId(), sealed, PersonalData.class);
  }

  private static <T> T first(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
