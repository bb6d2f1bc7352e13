package com.retail.identity.query.store;

import com.retail.identity.query.core.ProfileCache;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.store.CouchbaseProfileWriter;
import java.util.Optional;
import java.util.UUID;

/**
 * The profile cache as the read path sees it: the documents the projector writes ({@link
 * CouchbaseProfileWriter}), each call in a Hystrix command with a short time limit.
 */
public final class CouchbaseProfiles implements ProfileCache {
  static final String GET_COMMAND = "profile-cache-get";
  static final String PUT_COMMAND = "profile-cache-put";

  private final CouchbaseProfileWriter documents;

  public CouchbaseProfiles(CouchbaseProfileWriter documents) {
    this.documents = documents;
  }

  @Override
  public Optional<Profile> find(UUID userId) {
    return StoreCommand.execute(
        GET_COMMAND, 300, () -> documents.find(userId), reason -> Optional.empty());
  }

  /**
   * The cache is an optimisation: a read never fails, nor waits long, because the cache cannot be
   * filled.
   */
  @Override
  public Optional<Long> putIfAbsent(Profile profile) {
    return StoreCommand.execute(
        PUT_COMMAND, 300, () -> documents.insertIfAbsent(profile), reason -> Optional.empty());
  }

  @Override
  public void removeIfUnchanged(UUID userId, long token) {
    documents.removeIfUnchanged(userId, token);
  }
}
