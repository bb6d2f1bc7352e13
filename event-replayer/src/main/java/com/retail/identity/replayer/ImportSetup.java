package com.retail.identity.replayer;

import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.ImportUsers;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.replayer.store.CassandraBulkImport;
import com.retail.identity.verification.VerificationConfiguration;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.store.CassandraPhoneRecords;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The import's wiring: user-command's {@link ImportUsers} over the replayer's bulk adapter, with
 * the keyspace, keys and secrets of user-command's and verification's configuration files.
 */
public final class ImportSetup implements AutoCloseable {
  /**
   * Requests to Cassandra in flight at once: enough to keep a busy node fed, few enough that none
   * waits in its queue longer than the request timeout.
   */
  private static final int MAX_REQUESTS = 256;

  /** Log rows per batch: one partition, one mutation. */
  private static final int LOG_BATCH_ROWS = 100;

  private final CassandraConnector cassandra;
  private final ImportUsers importUsers;

  private ImportSetup(CassandraConnector cassandra, ImportUsers importUsers) {
    this.cassandra = cassandra;
    this.importUsers = importUsers;
  }

  /**
   * @param initialLoad only while nothing else registers (sign-ups closed): reservations and phone
   *     records without lightweight transactions
   */
  public static ImportSetup open(Path commandConfig, Path verificationConfig, boolean initialLoad) {
    WriteSideSettings settings = ReplayerConfiguration.command(commandConfig);
    VerificationConfiguration verification = ReplayerConfiguration.verification(verificationConfig);
    if (!verification.getCassandra().getKeyspace().equals(settings.getCassandra().getKeyspace())) {
      throw new IllegalArgumentException(
          "verification's keyspace "
              + verification.getCassandra().getKeyspace()
              + " is not user-command's "
              + settings.getCassandra().getKeyspace()
              + ": the import writes both in one session");
    }
    CassandraConnector cassandra = new CassandraConnector(settings.getCassandra());
    try {
      Clock clock = Clock.systemUTC();
      CassandraDataKeys dataKeys =
          new CassandraDataKeys(cassandra, settings.getMasterKey().build());
      CassandraEventStore events =
          new CassandraEventStore(
              cassandra, new LogBuckets(settings.eventLogBucket(), settings.eventLogShards()));
      CassandraBulkImport accounts =
          new CassandraBulkImport(
              cassandra,
              clock,
              dataKeys,
              events,
              new CassandraPhoneRecords(cassandra),
              new PhoneKeys(verification.phoneSecret()),
              MAX_REQUESTS,
              LOG_BATCH_ROWS);
      ImportUsers importUsers =
          new ImportUsers(
              new EmailKeys(settings.emailLookupSecret()),
              accounts,
              new PersonalDataCipher(dataKeys),
              clock,
              settings.abandonedAfter(),
              initialLoad);
      return new ImportSetup(cassandra, importUsers);
    } catch (RuntimeException e) {
      cassandra.close();
      throw e;
    }
  }

  public ImportUsers importUsers() {
    return importUsers;
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
