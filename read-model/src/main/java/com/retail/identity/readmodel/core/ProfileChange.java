package com.retail.identity.readmodel.core;

import java.util.UUID;

/**
 * What a read model must hold for one user: the profile at {@code version}, or nothing (erased,
 * shredded) as of {@code version}. A store applies it only when it holds an older version.
 */
public record ProfileChange(UUID userId, long version, Profile profile) {
  public static ProfileChange put(Profile profile) {
    return new ProfileChange(profile.userId(), profile.version(), profile);
  }

  public static ProfileChange delete(UUID userId, long version) {
    return new ProfileChange(userId, version, null);
  }

  public boolean isDelete() {
    return profile == null;
  }
}
