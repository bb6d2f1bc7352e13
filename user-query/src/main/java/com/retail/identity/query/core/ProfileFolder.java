package com.retail.identity.query.core;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.query.api.ProfileView;
import java.util.List;
import java.util.Optional;

/** Folds a user's event stream into the profile it describes, opening the sealed personal data. */
public final class ProfileFolder {
  private final PersonalDataCipher cipher;

  public ProfileFolder(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  public Optional<ProfileView> fold(List<StoredEvent> stream) {
    ProfileView profile = null;
    for (StoredEvent event : stream) {
      profile = apply(profile, event);
    }
    return Optional.ofNullable(profile);
  }

  ProfileView apply(ProfileView profile, StoredEvent event) {
    switch (event.type()) {
      case EventTypes.USER_REGISTERED -> {
        UserEvents.UserRegistered registered = UserEvents.read(event, UserEvents.UserRegistered.class);
        Optional<PersonalData> pii = cipher.open(event.userId(), registered.pii(), PersonalData.class);
        if (pii.isEmpty()) {
          return null; // erased: the key is gone
        }
        PersonalData p = pii.get();
        return new ProfileView(event.userId(), p.email(), p.firstName(), p.lastName(), registered.country(),
            p.phone(), false, registered.locale(), event.occurredAt(), event.seq());
      }
      case EventTypes.USER_ERASED -> {
        return null;
      }
      default -> {
        // Events that do not change the profile still advance its version.
        return profile == null ? null : withVersion(profile, event.seq());
      }
    }
  }

  private static ProfileView withVersion(ProfileView p, long version) {
    return new ProfileView(p.userId(), p.email(), p.firstName(), p.lastName(), p.country(), p.phone(),
        p.phoneVerified(), p.locale(), p.createdAt(), version);
  }
}
