package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.PreparedStatement;
import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.TestStack;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The driver sends a statement to the next node when its coordinator dies only if the statement
 * says it is idempotent (ADR 0008). Every statement the write side prepares must say so when it is
 * safe to run twice, and must not when it is a conditional write (a second run would answer "not
 * applied" for a write the first one made), but for the two documented conditional ones that are
 * safe.
 */
class StatementIdempotenceIT {
  private static final Pattern CONDITIONAL = Pattern.compile("\\bIF\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELF_REFERENCING =
      Pattern.compile("\\bSET\\s+(\\w+)\\s*=\\s*\\1\\s*[+-]", Pattern.CASE_INSENSITIVE);

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

  private record Prepared(String name, String cql, Boolean idempotent) {}

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
            events,
            new CassandraDataKeys(
                CASSANDRA, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY)));

    // When we look at what each one prepared
    List<Prepared> prepared = new ArrayList<>();
    for (Object store : stores) {
      for (Field field : store.getClass().getDeclaredFields()) {
        if (PreparedStatement.class.isAssignableFrom(field.getType())) {
          field.setAccessible(true);
          PreparedStatement statement = (PreparedStatement) field.get(store);
          prepared.add(
              new Prepared(
                  store.getClass().getSimpleName() + "." + field.getName(),
                  statement.getQueryString(),
                  statement.isIdempotent()));
        }
      }
    }

    // Then plain reads and writes are idempotent, conditional and self-referencing writes are not
    assertThat(prepared).hasSizeGreaterThan(30);
    for (Prepared statement : prepared) {
      boolean safeTwice =
          CONDITIONAL_BUT_SAFE.contains(statement.name())
              || !(CONDITIONAL.matcher(statement.cql()).find()
                  || SELF_REFERENCING.matcher(statement.cql()).find());
      if (safeTwice) {
        assertThat(statement.idempotent())
            .as("%s is idempotent: %s", statement.name(), statement.cql())
            .isTrue();
      } else {
        assertThat(statement.idempotent())
            .as("%s is not idempotent: %s", statement.name(), statement.cql())
            .isNotEqualTo(Boolean.TRUE);
      }
    }
  }
}
