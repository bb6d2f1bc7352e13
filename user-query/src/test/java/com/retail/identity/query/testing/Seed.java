package com.retail.identity.query.testing;

import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes user events straight into the event store of the test stack, sealed the way the write side
 * seals them: what user-command and verification append, without depending on their endpoints.
 */
public final class Seed implements AutoCloseable {
  /** The event log layout of the services' defaults: 1-minute buckets of 8 shards. */
  public static final LogBuckets BUCKETS = new LogBuckets(Duration.ofMinutes(1), 8);

  private final CassandraConnector cassandra;
  private final CassandraEventStore events;
  private final CassandraDataKeys keys;
  private final PersonalDataCipher cipher;

  private Seed(CassandraConnector cassandra) {
    this.cassandra = cassandra;
    this.events = new CassandraEventStore(cassandra, BUCKETS);
    this.keys =
        new CassandraDataKeys(
            cassandra, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY));
    this.cipher = new PersonalDataCipher(keys);
  }

  /** The run's keyspace. */
  public static Seed open() {
    return open(TestStack.keyspace());
  }

  /** A keyspace of its own (created with the schema), for tests that count everything in it. */
  public static Seed open(String keyspace) {
    return new Seed(new CassandraConnector(cassandra(keyspace)));
  }

  public static CassandraSettings cassandra(String keyspace) {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(keyspace);
    return settings;
  }

  public CassandraConnector connector() {
    return cassandra;
  }

  public PersonalDataCipher cipher() {
    return cipher;
  }

  public CassandraEventStore events() {
    return events;
  }

  public UUID register(
      String firstName, String lastName, String email, String phone, String country) {
    UUID userId = UUID.randomUUID();
    String pii = cipher.seal(userId, new PersonalData(email, firstName, lastName, phone));
    append(
        userId,
        0,
        new UserEvents.UserRegistered(pii, country, "en-" + country, Instant.now()).toEvent());
    return userId;
  }

  public UUID register(String firstName, String lastName) {
    return register(firstName, lastName, "it-" + UUID.randomUUID() + "@example.com", null, "US");
  }

  /** Renames the user; returns the new version. */
  public long rename(UUID userId, String firstName) {
    String pii = cipher.seal(userId, new PersonalData(null, firstName, null, null));
    return append(
        userId,
        version(userId),
        new UserEvents.ProfileUpdated(pii, null, null, Instant.now()).toEvent());
  }

  public long verifyPhone(UUID userId, String phone) {
    String pii = cipher.seal(userId, new PersonalData(null, null, null, phone));
    return append(
        userId,
        version(userId),
        new UserEvents.PhoneVerified("it-" + UUID.randomUUID(), pii, Instant.now()).toEvent());
  }

  /** Erases the user as the write side does: the event, then the data key is destroyed. */
  public long erase(UUID userId) {
    long version =
        append(userId, version(userId), new UserEvents.UserErased(Instant.now()).toEvent());
    keys.destroy(userId);
    return version;
  }

  /** The user's data key is still in the store (not crypto-shredded); read past any key cache. */
  public boolean dataKeyExists(UUID userId) {
    return cassandra
            .session()
            .execute(
                "SELECT user_id FROM " + cassandra.keyspace() + ".data_keys WHERE user_id = ?",
                userId)
            .one()
        != null;
  }

  public long version(UUID userId) {
    List<StoredEvent> stream = events.readStream(userId);
    return stream.isEmpty() ? 0 : stream.get(stream.size() - 1).seq();
  }

  private long append(UUID userId, long expected, NewEvent event) {
    List<StoredEvent> stored = events.append(userId, expected, "it", List.of(event));
    return stored.get(stored.size() - 1).seq();
  }

  @Override
  public void close() {
    cassandra.stop();
  }
}
