package com.retail.identity.query.core;

import com.retail.identity.readmodel.core.Profile;
import java.util.Optional;
import java.util.UUID;

/** The search index as the read path and admin search see it (port). */
public interface ProfileIndex {
  /** The indexed profile; empty when absent or when the index cannot answer quickly. */
  Optional<Profile> find(UUID userId);

  /**
   * @throws ReadModelUnavailable when the index cannot answer
   */
  UserHits search(UserQuery query);
}
