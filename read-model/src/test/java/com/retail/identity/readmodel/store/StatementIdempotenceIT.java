package com.retail.identity.readmodel.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.PreparedStatements;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The projections' reads of the log and their checkpoint writes move to the next node when their
 * coordinator dies; the lease's conditional writes do not ({@link PreparedStatements}).
 */
class StatementIdempotenceIT {
  private static final CassandraConnector CASSANDRA = new CassandraConnector(TestStack.cassandra());

  @AfterAll
  static void close() {
    CASSANDRA.close();
  }

  @Test
  void givenTheReadSidesStores_thenExactlyTheStatementsSafeToRunTwiceMayBeRetriedOnAnotherNode()
      throws Exception {
    // Given the Cassandra adapters of the projections
    LogBuckets buckets = new LogBuckets(Duration.ofMinutes(1), 8);
    List<Object> stores =
        List.of(
            new CassandraEventLog(CASSANDRA, buckets),
            new CassandraProjectionState(CASSANDRA, buckets));

    // When we look at what each one prepared
    List<PreparedStatements.Prepared> prepared = PreparedStatements.of(stores);

    // Then plain reads and writes are idempotent, conditional writes are not
    assertThat(prepared).hasSize(7);
    PreparedStatements.assertRetriedExactlyWhenSafe(prepared, Set.of());
  }
}
