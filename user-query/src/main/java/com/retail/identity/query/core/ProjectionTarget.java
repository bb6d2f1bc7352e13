package com.retail.identity.query.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A read model the projector writes (port): the search index or the profile cache. Writes are
 * version-guarded by the store itself, so a replayed, late or concurrent write never replaces a
 * newer version.
 */
public interface ProjectionTarget {
  /** Names the projection (and its checkpoint and lease), e.g. {@code profile-search}. */
  String name();

  /** Creates what the store needs (index, alias); idempotent, called before the first batch. */
  void prepare();

  /** The versions the store holds now; users it has no document for are absent. */
  Map<UUID, Long> versions(Set<UUID> userIds);

  /** Applies each change unless the store already holds that version or a newer one. */
  Map<UUID, Outcome> apply(List<ProfileChange> changes);

  enum Outcome {
    /** The store now holds the change's version. */
    WRITTEN,
    /** The store already held this version or a newer one; nothing changed. */
    STALE
  }
}
