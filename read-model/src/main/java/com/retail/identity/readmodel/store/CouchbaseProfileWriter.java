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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.common.crypto.PersonalDataCipher;
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
 * Profile documents in the Couchbase cache: {@code user::<id>}, JSON of the user id, the stream
 * version and the profile sealed with the user's data key ({@code sealed}), with a bounded
 * time-to-live. No personal data lies in the bucket in the clear, and an erasure (which destroys
 * the key) leaves nothing readable even before the projector deletes the document; a profile whose
 * key is gone is never sealed again with a new one: it is deleted instead. A document of the
 * earlier plain format counts as absent (version -1), so any write or a replay replaces it. The
 * projection target of the cache; the version guard is compare-and-swap: read the document and its
 * CAS, replace it only if it is older and nobody wrote it since, insert it only if absent. The read
 * path uses the same documents ({@link #find}, {@link #insertIfAbsent}, {@link #removeIfUnchanged})
 * behind its own time limits.
 */
public final class CouchbaseProfileWriter implements ProjectionTarget {
  public static final String PROJECTION = "profile-cache";
  private static final int CAS_ATTEMPTS = 10;
  static final String MARKER = "projection::" + PROJECTION;

  /** A document lives at least this long without a write, and at most {@link #MAX_TTL}. */
  public static final Duration MIN_TTL = Duration.ofMinutes(1);

  public static final Duration MAX_TTL = Duration.ofDays(7);
  public static final int DEFAULT_TTL_SECONDS = 86_400;

  private final Collection profiles;
  private final IntSupplier ttlSeconds;
  private final ExecutorService pool;
  private final PersonalDataCipher cipher;

  /**
   * @param ttlSeconds how long a document lives without a write, read on every write and held
   *     between {@link #MIN_TTL} and {@link #MAX_TTL}
   * @param pool runs the per-document round trips of a batch in parallel
   * @param cipher seals and opens the profiles with each user's data key
   */
  public CouchbaseProfileWriter(
      CouchbaseConnector couchbase,
      IntSupplier ttlSeconds,
      ExecutorService pool,
      PersonalDataCipher cipher) {
    this.profiles = couchbase.profiles();
    this.ttlSeconds = ttlSeconds;
    this.pool = pool;
    this.cipher = cipher;
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
    Map<UUID, CompletableFuture<Optional<Stored>>> reads = new HashMap<>();
    userIds.forEach(id -> reads.put(id, CompletableFuture.supplyAsync(() -> read(id), pool)));
    Map<UUID, Long> versions = new HashMap<>();
    reads.forEach(
        (id, read) ->
            join(read)
                .filter(stored -> stored.version() >= 0)
                .ifPresent(stored -> versions.put(id, stored.version())));
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

  /** The cached profile, or empty (none, of the earlier format, or its key is gone). */
  public Optional<Profile> find(UUID userId) {
    return read(userId).flatMap(stored -> open(userId, stored.ciphertext()));
  }

  /**
   * Caches a profile unless a document is already there (the projector's is never replaced this
   * way); returns the new document's CAS, a token for {@link #removeIfUnchanged}.
   */
  public Optional<Long> insertIfAbsent(Profile profile) {
    Optional<byte[]> content = document(profile);
    if (content.isEmpty()) {
      return Optional.empty(); // the key is gone: nothing to cache
    }
    try {
      MutationResult inserted =
          profiles.insert(key(profile.userId()), content.get(), insertOptions());
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
    Optional<byte[]> document = document(change.profile());
    if (document.isEmpty()) {
      return remove(change); // erased meanwhile: its erasure follows in the log
    }
    byte[] content = document.get();
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Optional<Stored> current = read(change.userId());
      try {
        if (current.isEmpty()) {
          profiles.insert(key, content, insertOptions());
          return Outcome.WRITTEN;
        }
        if (current.get().version() >= change.version()) {
          return Outcome.STALE;
        }
        ReplaceOptions options =
            ReplaceOptions.replaceOptions()
                .cas(current.get().cas())
                .transcoder(RawJsonTranscoder.INSTANCE);
        profiles.replace(key, content, options.expiry(ttl()));
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
      JsonNode doc = ReadModelJson.JSON.readTree(result.contentAs(byte[].class));
      JsonNode ciphertext = doc.path("sealed");
      return Optional.of(
          ciphertext.isTextual()
              ? new Stored(doc.path("version").asLong(), ciphertext.asText(), result.cas())
              : new Stored(-1, null, result.cas()));
    } catch (DocumentNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException("cache document " + key(userId) + " is not JSON", e);
    }
  }

  private Optional<Profile> open(UUID userId, String ciphertext) {
    if (ciphertext == null) {
      return Optional.empty();
    }
    return cipher
        .open(userId, ciphertext, JsonNode.class)
        .map(
            json -> {
              try {
                return ReadModelJson.JSON.treeToValue(json, Profile.class);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                    "cache document " + key(userId) + " does not seal a profile", e);
              }
            });
  }

  /** The document of a profile, or empty when the user's key is gone. */
  private Optional<byte[]> document(Profile profile) {
    return cipher
        .sealWithExistingKey(profile.userId(), ReadModelJson.JSON.valueToTree(profile))
        .map(
            ciphertext -> {
              ObjectNode doc = ReadModelJson.JSON.createObjectNode();
              doc.put("userId", profile.userId().toString());
              doc.put("version", profile.version());
              doc.put("sealed", ciphertext);
              return doc.toString().getBytes(StandardCharsets.UTF_8);
            });
  }

  private InsertOptions insertOptions() {
    return InsertOptions.insertOptions().transcoder(RawJsonTranscoder.INSTANCE).expiry(ttl());
  }

  private Duration ttl() {
    Duration wanted = Duration.ofSeconds(Math.max(0, ttlSeconds.getAsInt()));
    return wanted.compareTo(MIN_TTL) < 0
        ? MIN_TTL
        : wanted.compareTo(MAX_TTL) > 0 ? MAX_TTL : wanted;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** A document as stored: version -1 and no seal for one of the earlier plain format. */
  private record Stored(long version, String ciphertext, long cas) {}
}
