package com.retail.identity.command.core;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The credential snapshot login reads instead of the user's stream. */
public interface Credentials {
  record Credential(UUID userId, String emailKey, String passwordHash, Set<String> roles, long streamVersion) {
    @Override
    public String toString() {
      return "Credential[userId=" + userId + ", roles=" + roles + ", streamVersion=" + streamVersion + "]";
    }
  }

  void save(Credential credential);

  Optional<Credential> find(UUID userId);

  void updateHash(UUID userId, String passwordHash);

  void updateVersion(UUID userId, long streamVersion);

  /** The account no longer exists: login must fail as for an unknown email. */
  void erase(UUID userId);
}
