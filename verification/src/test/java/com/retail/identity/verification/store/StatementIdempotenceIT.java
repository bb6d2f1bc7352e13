package com.retail.identity.verification.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.PreparedStatements;
import com.retail.identity.common.testing.TestStack;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Verification's reads and plain writes of phone records move to the next node when their
 * coordinator dies; the first-owner claim (a conditional write) does not ({@link
 * PreparedStatements}).
 */
class StatementIdempotenceIT {
  private static final CassandraConnector CASSANDRA = new CassandraConnector(TestStack.cassandra());

  @AfterAll
  static void close() {
    CASSANDRA.close();
  }

  @Test
  void givenThePhoneRecords_thenExactlyTheStatementsSafeToRunTwiceMayBeRetriedOnAnotherNode()
      throws Exception {
    // Given verification's Cassandra adapter
    List<Object> stores = List.of(new CassandraPhoneRecords(CASSANDRA));

    // When we look at what it prepared
    List<PreparedStatements.Prepared> prepared = PreparedStatements.of(stores);

    // Then plain reads and writes are idempotent, the conditional owner claim is not
    assertThat(prepared).hasSize(9);
    PreparedStatements.assertRetriedExactlyWhenSafe(prepared, Set.of());
  }
}
