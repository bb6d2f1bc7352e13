package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.PreparedStatements;
import com.retail.identity.common.testing.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every statement the write side prepares may be retried on another node exactly when it is safe to
 * run twice ({@link PreparedStatements}), but for the documented conditional ones that are safe.
 */
class StatementIdempotenceIT {
  /**
   * Conditional, yet safe twice: a second confirm finds the row ours and active, a second release
   * or abandon finds it gone.
   */
  private static final Set<String> CONDITIONAL_BUT_SAFE =
      Set.of(
          "CassandraEmailReservations.confirm",
          "CassandraEmailReservations.release",
          "CassandraIdempotency.abandon");

  private static final CassandraConnector CASSANDRA = connect();

  @AfterAll
  static void close() {
    CASSANDRA.close();
  }

  /** The run's shared keyspace: only statements are prepared, nothing is written. */
  private static CassandraConnector connect() {
    return new CassandraConnector(TestStack.cassandra());
  }

  @Test
  void givenTheWriteSidesStores_thenExactlyTheStatementsSafeToRunTwiceMayBeRetriedOnAnotherNode()
      throws Exception {
    // Given every Cassandra adapter on the write side's request paths
    CassandraEventStore events =
        new CassandraEventStore(CASSANDRA, new LogBuckets(Duration.ofMinutes(1), 8));
    List<Object> stores =
        List.of(
            CassandraEmailReservations.forRegistrations(
                CASSANDRA, Clock.systemUTC(), Duration.ofMinutes(2)),
            new CassandraCredentials(CASSANDRA, events),
            new CassandraOneTimeTokens(CASSANDRA),
            new CassandraIdempotency(CASSANDRA),
            new CassandraLoginActivity(CASSANDRA, new LogBuckets(Duration.ofMinutes(1))),
            new CassandraRefreshTokens(CASSANDRA, Clock.systemUTC(), Duration.ofDays(30)),
            new CassandraJobLease(CASSANDRA),
            new CassandraSpentCodes(CASSANDRA, Clock.systemUTC()),
            events,
            new CassandraDataKeys(
                CASSANDRA, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY)));

    // When we look at what each one prepared
    List<PreparedStatements.Prepared> prepared = PreparedStatements.of(stores);

    // Then plain reads and writes are idempotent, conditional and self-referencing writes are not
    assertThat(prepared).hasSizeGreaterThan(30);
    PreparedStatements.assertRetriedExactlyWhenSafe(prepared, CONDITIONAL_BUT_SAFE);
  }
}
