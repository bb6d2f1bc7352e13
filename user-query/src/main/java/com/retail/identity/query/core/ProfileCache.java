package com.retail.identity.query.core;

import com.retail.identity.readmodel.core.Profile;
import java.util.Optional;
import java.util.UUID;

/** The profile cache as the read path sees it (port). */
public interface ProfileCache {
  /** The cached profile; empty when absent or when the cache cannot answer quickly. */
  Optional<Profile> find(UUID userId);

  /**
   * Caches a profile rebuilt from the stream unless a document is already there (the projector's is
   * never replaced from the read path). Returns a token for {@link #removeIfUnchanged}, or empty.
   */
  Optional<Long> putIfAbsent(Profile profile);

  /** Removes the document written with {@code token}, unless it has changed since. */
  void removeIfUnchanged(UUID userId, long token);
}
