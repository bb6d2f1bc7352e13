package com.retail.identity.readmodel.core;

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

  /**
   * True when the store came back without what was written to it (a flushed bucket, a node that
   * restarted empty): the projection then starts over from the beginning of the log. Asked at every
   * sweep; {@link #prepare()} marks the store again.
   */
  default boolean lostItsDocuments() {
    return false;
  }

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
