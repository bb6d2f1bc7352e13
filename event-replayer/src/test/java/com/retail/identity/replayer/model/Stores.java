package com.retail.identity.replayer.model;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.MasterKeyRing;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.testing.ReadStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads what the platform stored, directly, as an operator would: the user's stream (with its
 * credential in the partition's static columns) and reservation rows in Cassandra, and the profile
 * documents in Couchbase and OpenSearch (through user-query's {@link ReadStores}).
 */
final class Stores implements AutoCloseable {
  private final CassandraConnector cassandra;
  private final MasterKeyRing masterKeys;
  private final PreparedStatement stream;
  private final PreparedStatement credential;
  private final PreparedStatement reservation;
  private final PreparedStatement dataKey;
  private final PersonalDataCipher cipher;
  private final ReadStores readStores = new ReadStores();
  private final String searchAlias;

  Stores(MasterKeyRing masterKeys, String searchAlias) {
    this.cassandra = new CassandraConnector(TestStack.cassandra());
    this.masterKeys = masterKeys;
    this.searchAlias = searchAlias;
    Session session = cassandra.session();
    String ks = cassandra.keyspace();
    stream =
        session.prepare(
            "SELECT user_id, seq, event_id, event_type, schema_version, occurred_at, correlation_id, payload"
                + " FROM "
                + ks
                + ".user_events WHERE user_id = ?");
    // The credential lives in static columns of the stream's partition (ADR 0106).
    credential =
        session.prepare(
            "SELECT email_key, password_hash, erased FROM "
                + ks
                + ".user_events WHERE user_id = ? LIMIT 1");
    reservation =
        session.prepare(
            "SELECT user_id, state, reserved_at FROM "
                + ks
                + ".email_reservations WHERE email_key = ?");
    dataKey =
        session.prepare(
            "SELECT wrapped_key, master_key_id FROM " + ks + ".data_keys WHERE user_id = ?");
    cipher = new PersonalDataCipher(new CurrentDataKeys());
  }

  /** The stream, in the store's (sequence) order. */
  List<StoredEvent> stream(UUID userId) {
    List<StoredEvent> events = new ArrayList<>();
    for (Row row : cassandra.session().execute(stream.bind(userId))) {
      if (row.isNull("seq")) {
        continue; // a partition with static columns only
      }
      events.add(
          new StoredEvent(
              row.getUUID("user_id"),
              row.getLong("seq"),
              row.getUUID("event_id"),
              row.getString("event_type"),
              row.getInt("schema_version"),
              row.getTimestamp("occurred_at").toInstant(),
              row.getString("correlation_id"),
              row.getString("payload")));
    }
    return events;
  }

  /** A credential row; {@code live} is what login would accept (not erased, with a hash). */
  record Credential(String emailKey, boolean hasHash, boolean erased) {
    boolean live() {
      return hasHash && !erased;
    }
  }

  Optional<Credential> credential(UUID userId) {
    Row row = cassandra.session().execute(credential.bind(userId)).one();
    return row == null || row.isNull("email_key")
        ? Optional.empty()
        : Optional.of(
            new Credential(
                row.getString("email_key"), !row.isNull("password_hash"), row.getBool("erased")));
  }

  record Reservation(String emailKey, UUID userId, boolean pending, Instant reservedAt) {}

  Optional<Reservation> reservation(String emailKey) {
    Row row = cassandra.session().execute(reservation.bind(emailKey)).one();
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Reservation(
            emailKey,
            row.getUUID("user_id"),
            !"active".equals(row.getString("state")),
            row.getTimestamp("reserved_at") == null
                ? Instant.EPOCH
                : row.getTimestamp("reserved_at").toInstant()));
  }

  /** Whether the user has a data key (an erasure destroys it: crypto-shredding). */
  boolean hasDataKey(UUID userId) {
    return cassandra.session().execute(dataKey.bind(userId)).one() != null;
  }

  /**
   * Opens sealed personal data with the user's data key as it is now (an erasure destroys it, an
   * import replaces it).
   */
  PersonalDataCipher cipher() {
    return cipher;
  }

  /** The data keys without a cache, read-only. */
  private final class CurrentDataKeys implements DataKeys {
    @Override
    public Optional<SecretKey> find(UUID userId) {
      Row row = cassandra.session().execute(dataKey.bind(userId)).one();
      if (row == null) {
        return Optional.empty();
      }
      ByteBuffer wrapped = row.getBytes("wrapped_key");
      byte[] bytes = new byte[wrapped.remaining()];
      wrapped.duplicate().get(bytes);
      return Optional.of(
          new SecretKeySpec(masterKeys.unwrap(row.getString("master_key_id"), bytes), "AES"));
    }

    @Override
    public SecretKey getOrCreate(UUID userId) {
      throw new UnsupportedOperationException("the model only reads");
    }

    @Override
    public SecretKey createFresh(UUID userId) {
      throw new UnsupportedOperationException("the model only reads");
    }

    @Override
    public void destroy(UUID userId) {
      throw new UnsupportedOperationException("the model only reads");
    }
  }

  /** The search document ({@code _version}, {@code _source}), or empty. */
  Optional<JsonNode> searchDocument(UUID userId) {
    try {
      return readStores.searchDocument(searchAlias, userId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The cache document {@code user::<id>}, or empty. */
  Optional<JsonNode> cacheDocument(UUID userId) {
    try {
      return readStores.cacheDocument(userId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    readStores.close();
    cassandra.close();
  }
}
