package com.retail.identity.common.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.MasterKey;
import com.retail.identity.common.crypto.MasterKeyRing;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data keys in Cassandra, wrapped by the master key. Unwrapped keys are cached in memory (never
 * written anywhere) for {@link #CACHE_FOR} only: an erasure destroys the key in this process at
 * once and in every other process within that time, so a key of an erased user does not outlive its
 * erasure by more than a few seconds anywhere (ADR 0002). A miss costs one point read; keys are
 * opened for profile changes, profile reads and projections, not for logins.
 */
public final class CassandraDataKeys implements DataKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Session session;
  private final MasterKeyRing masterKeys;
  private final PreparedStatement insert;
  private final PreparedStatement insertFresh;
  private final PreparedStatement select;
  private final PreparedStatement delete;

  /** How long an unwrapped key stays in memory after it was read. */
  public static final Duration CACHE_FOR = Duration.ofSeconds(5);

  private final Cache<UUID, SecretKey> cache =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(CACHE_FOR).build();

  public CassandraDataKeys(CassandraConnector cassandra, MasterKey masterKey) {
    this(cassandra, MasterKeyRing.of(masterKey));
  }

  /** Wraps new keys with the ring's active master key; unwraps with the one a key names. */
  public CassandraDataKeys(CassandraConnector cassandra, MasterKeyRing masterKeys) {
    this.session = cassandra.session();
    this.masterKeys = masterKeys;
    String ks = cassandra.keyspace();
    insert =
        session.prepare(
            "INSERT INTO "
                + ks
                + ".data_keys (user_id, wrapped_key, master_key_id, created_at)"
                + " VALUES (?, ?, ?, ?) IF NOT EXISTS");
    insertFresh =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".data_keys (user_id, wrapped_key, master_key_id, created_at)"
                    + " VALUES (?, ?, ?, ?)")
            .setIdempotent(true);
    select =
        session
            .prepare(
                "SELECT wrapped_key, master_key_id FROM " + ks + ".data_keys WHERE user_id = ?")
            .setIdempotent(true);
    delete =
        session.prepare("DELETE FROM " + ks + ".data_keys WHERE user_id = ?").setIdempotent(true);
  }

  @Override
  public SecretKey getOrCreate(UUID userId) {
    Optional<SecretKey> existing = find(userId);
    if (existing.isPresent()) {
      return existing.get();
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    ResultSet result =
        session.execute(
            insert.bind(
                userId, ByteBuffer.wrap(masterKeys.wrap(raw)), masterKeys.activeId(), new Date()));
    if (!result.wasApplied()) {
      // Another writer made it first: use theirs.
      return unwrap(result.one());
    }
    SecretKey key = new SecretKeySpec(raw, "AES");
    cache.put(userId, key);
    return key;
  }

  @Override
  public SecretKey createFresh(UUID userId) {
    FreshKey fresh = freshKeyRow(userId);
    session.execute(fresh.insert());
    cache.put(userId, fresh.key());
    return fresh.key();
  }

  /**
   * A new key and its unconditional, unexecuted insert (wrapped by the master key), for a bulk
   * writer.
   */
  public record FreshKey(SecretKey key, BoundStatement insert) {}

  public FreshKey freshKeyRow(UUID userId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    BoundStatement insert =
        insertFresh.bind(
            userId, ByteBuffer.wrap(masterKeys.wrap(raw)), masterKeys.activeId(), new Date());
    return new FreshKey(new SecretKeySpec(raw, "AES"), insert);
  }

  @Override
  public Optional<SecretKey> find(UUID userId) {
    SecretKey cached = cache.getIfPresent(userId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Row row = session.execute(select.bind(userId)).one();
    if (row == null) {
      return Optional.empty();
    }
    SecretKey key = unwrap(row);
    cache.put(userId, key);
    return Optional.of(key);
  }

  private SecretKey unwrap(Row row) {
    ByteBuffer wrapped = row.getBytes("wrapped_key");
    byte[] bytes = new byte[wrapped.remaining()];
    wrapped.duplicate().get(bytes);
    return new SecretKeySpec(masterKeys.unwrap(row.getString("master_key_id"), bytes), "AES");
  }

  @Override
  public void destroy(UUID userId) {
    session.execute(delete.bind(userId));
    cache.invalidate(userId);
  }
}
