package com.retail.identity.common.platform;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import java.time.Duration;

/**
 * The event store and the sealing of personal data, for every service that reads or writes events.
 */
public final class PersonalDataModule extends AbstractModule {
  private final MasterKeySettings masterKey;
  private final Duration logBucket;
  private final int logShards;

  public PersonalDataModule(MasterKeySettings masterKey, Duration logBucket, int logShards) {
    this.masterKey = masterKey;
    this.logBucket = logBucket;
    this.logShards = logShards;
  }

  @Provides
  @Singleton
  LogBuckets logBuckets() {
    return new LogBuckets(logBucket, logShards);
  }

  @Provides
  @Singleton
  CassandraEventStore cassandraEventStore(CassandraConnector cassandra, LogBuckets buckets) {
    return new CassandraEventStore(cassandra, buckets);
  }

  /**
   * The port; adapters that write beside the stream in the same write take {@link
   * CassandraEventStore}.
   */
  @Provides
  @Singleton
  EventStore eventStore(CassandraEventStore store) {
    return store;
  }

  @Provides
  @Singleton
  DataKeys dataKeys(CassandraConnector cassandra) {
    return new CassandraDataKeys(cassandra, masterKey.build());
  }

  @Provides
  @Singleton
  PersonalDataCipher cipher(DataKeys keys) {
    return new PersonalDataCipher(keys);
  }
}
