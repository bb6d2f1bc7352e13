package com.retail.identity.readmodel.store;

import com.couchbase.client.core.error.CasMismatchException;
import com.couchbase.client.core.error.DocumentExistsException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.codec.RawJsonTranscoder;
import com.couchbase.client.java.kv.GetOptions;
import com.couchbase.client.java.kv.GetResult;
import com.couchbase.client.java.kv.InsertOptions;
import com.couchbase.client.java.kv.MutationResult;
import com.couchbase.client.java.kv.RemoveOptions;
import com.couchbase.client.java.kv.ReplaceOptions;
import com.couchbase.client.java.kv.UpsertOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.ProfileChange;
import com.retail.identity.readmodel.core.ProjectionTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.IntSupplier;

/**
 * Profile documents in the Couchbase cache: {@code user::<id>}, JSON, with the stream version and a
 * configurable time-to-live. The projection target of the cache; the version guard is
 * compare-and-swap: read the document and its CAS, replace it only if it is older and nobody wrote
 * it since, insert it only if absent. The read path uses the same documents ({@link #find}, {@link
 * #insertIfAbsent}, {@link #removeIfUnchanged}) behind its own time limits.
 */
public final class CouchbaseProfileWriter implements ProjectionTarget {
  public static final String PROJECTION = "profile-cache";
  private static final int CAS_ATTEMPTS = 10;
  static final String MARKER = "projection::" + PROJECTION;

  private final Collection profiles;
  private final IntSupplier ttlSeconds;
  private final ExecutorService pool;

  /**
   * @param ttlSeconds how long a document lives without a write (0: until deleted), read on every
   *     write
   * @param pool runs the per-document round trips of a batch in parallel
   */
  public CouchbaseProfileWriter(
      CouchbaseConnector couchbase, IntSupplier ttlSeconds, ExecutorService pool) {
    this.profiles = couchbase.profiles();
    this.ttlSeconds = ttlSeconds;
    this.pool = pool;
  }

  public static String key(UUID userId) {
    return "user::" + userId;
  }

  @Override
  public String name() {
    return PROJECTION;
  }

  /**
   * The bucket is provisioned with the cluster and documents need no schema; a marker document (no
   * expiry) tells a bucket that kept its documents from one that came back empty.
   */
  @Override
  public void prepare() {
    profiles.upsert(
        MARKER,
        "{\"projection\":\"" + PROJECTION + "\"}".getBytes(StandardCharsets.UTF_8),
        UpsertOptions.upsertOptions().transcoder(RawJsonTranscoder.INSTANCE));
  }

  @Override
  public boolean lostItsDocuments() {
    try {
      profiles.get(MARKER, GetOptions.getOptions().transcoder(RawJsonTranscoder.INSTANCE));
      return false;
    } catch (DocumentNotFoundException e) {
      return true;
    }
  }

  @Override
  public Map<UUID, Long> versions(Set<UUID> userIds) {
    Map<UUID, CompletableFuture<Optional<Profile>>> reads = new HashMap<>();
    userIds.forEach(
        id ->
            reads.put(
                id, CompletableFuture.supplyAsync(() -> read(id).map(Stored::profile), pool)));
    Map<UUID, Long> versions = new HashMap<>();
    reads.forEach((id, read) -> join(read).ifPresent(p -> versions.put(id, p.version())));
    return versions;
  }

  @Override
  public Map<UUID, Outcome> apply(List<ProfileChange> changes) {
    List<CompletableFuture<Outcome>> writes = new ArrayList<>(changes.size());
    for (ProfileChange change : changes) {
      writes.add(
          CompletableFuture.supplyAsync(
              () -> change.isDelete() ? remove(change) : write(change), pool));
    }
    Map<UUID, Outcome> outcomes = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      outcomes.put(changes.get(i).userId(), join(writes.get(i)));
    }
    return outcomes;
  }

  /** The cached profile, or empty. */
  public Optional<Profile> find(UUID userId) {
    return read(userId).map(Stored::profile);
  }

  /**
   * Caches a profile unless a document is already there (the projector's is never replaced this
   * way); returns the new document's CAS, a token for {@link #removeIfUnchanged}.
   */
  public Optional<Long> insertIfAbsent(Profile profile) {
    try {
      MutationResult inserted =
          profiles.insert(key(profile.userId()), json(profile), insertOptions());
      return Optional.of(inserted.cas());
    } catch (DocumentExistsException e) {
      return Optional.empty();
    }
  }

  /** Removes the document written with {@code cas}, unless it has changed since. */
  public void removeIfUnchanged(UUID userId, long cas) {
    try {
      profiles.remove(key(userId), RemoveOptions.removeOptions().cas(cas));
    } catch (DocumentNotFoundException | CasMismatchException e) {
      // Gone already, or the projector has written a newer document since: leave it.
    }
  }

  private Outcome write(ProfileChange change) {
    String key = key(change.userId());
    byte[] content = json(change.profile());
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Optional<Stored> current = read(change.userId());
      try {
        if (current.isEmpty()) {
          profiles.insert(key, content, insertOptions());
          return Outcome.WRITTEN;
        }
        if (current.get().profile().version() >= change.version()) {
          return Outcome.STALE;
        }
        ReplaceOptions options =
            ReplaceOptions.replaceOptions()
                .cas(current.get().cas())
                .transcoder(RawJsonTranscoder.INSTANCE);
        Duration ttl = ttl();
        if (!ttl.isZero()) {
          options.expiry(ttl);
        }
        profiles.replace(key, content, options);
        return Outcome.WRITTEN;
      } catch (DocumentExistsException | CasMismatchException | DocumentNotFoundException raced) {
        // Someone wrote (or the document expired) between our read and our write: read again.
      }
    }
    throw new IllegalStateException("cache document " + key + " kept changing; will retry");
  }

  private Outcome remove(ProfileChange change) {
    try {
      profiles.remove(key(change.userId()));
    } catch (DocumentNotFoundException e) {
      // Nothing cached: the erasure holds already.
    }
    return Outcome.WRITTEN;
  }

  private Optional<Stored> read(UUID userId) {
    try {
      GetResult result =
          profiles.get(key(userId), GetOptions.getOptions().transcoder(RawJsonTranscoder.INSTANCE));
      return Optional.of(
          new Stored(
              ReadModelJson.JSON.readValue(result.contentAs(byte[].class), Profile.class),
              result.cas()));
    } catch (DocumentNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException("cache document " + key(userId) + " is not a profile", e);
    }
  }

  private InsertOptions insertOptions() {
    InsertOptions options = InsertOptions.insertOptions().transcoder(RawJsonTranscoder.INSTANCE);
    Duration ttl = ttl();
    return ttl.isZero() ? options : options.expiry(ttl);
  }

  private Duration ttl() {
    return Duration.ofSeconds(Math.max(0, ttlSeconds.getAsInt()));
  }

  private static byte[] json(Profile profile) {
    try {
      return ReadModelJson.JSON.writeValueAsBytes(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a profile", e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private record Stored(Profile profile, long cas) {}
}
