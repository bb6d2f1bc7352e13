package com.retail.identity.readmodel.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.events.LogEntry;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.readmodel.core.EventLog;
import com.retail.identity.readmodel.core.LogPositions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sharded log read back as one log: every entry once, in Cassandra's own timeuuid order. */
class CassandraEventLogIT {
  private static final LogBuckets BUCKETS = new LogBuckets(Duration.ofMinutes(1), 4);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static CassandraConnector cassandra;

  @BeforeAll
  static void open() {
    cassandra = new CassandraConnector(TestStack.cassandra());
  }

  @AfterAll
  static void close() {
    cassandra.close();
  }

  @Test
  void
      givenEntriesSpreadOverShardsAndSharingTimestamps_whenReadInSmallPages_thenEachComesOnceInCassandrasOrder() {
    Session session = cassandra.session();
    String ks = cassandra.keyspace();
    Instant start = Instant.now().minusSeconds(3600);
    List<UUID> ids = new ArrayList<>();
    for (int tick = 0; tick < 6; tick++) {
      UUID base = UUIDs.startOf(start.toEpochMilli() + tick);
      for (int twin = 0;
          twin < 4;
          twin++) { // ids of one timestamp that differ in their low bits only
        ids.add(new UUID(base.getMostSignificantBits(), RANDOM.nextLong()));
      }
    }
    String bucket = BUCKETS.bucketAt(start);
    for (int i = 0; i < ids.size(); i++) {
      session.execute(
          "INSERT INTO "
              + ks
              + ".event_log_entries (bucket, shard, event_id, user_id, seq) VALUES (?, ?, ?, ?, ?)",
          bucket,
          i % BUCKETS.shards(),
          ids.get(i),
          UUID.randomUUID(),
          1L);
      session.execute(
          "INSERT INTO "
              + ks
              + ".event_log_entries (bucket, shard, event_id, user_id, seq) VALUES (?, ?, ?, ?, ?)",
          "order-reference",
          0,
          ids.get(i),
          UUID.randomUUID(),
          1L);
    }
    List<UUID> cassandraOrder =
        session
            .execute(
                "SELECT event_id FROM "
                    + ks
                    + ".event_log_entries"
                    + " WHERE bucket = 'order-reference' AND shard = 0")
            .all()
            .stream()
            .map((Row r) -> r.getUUID(0))
            .toList();

    EventLog log = new CassandraEventLog(cassandra, BUCKETS);
    List<UUID> read = new ArrayList<>();
    UUID position = log.positionBefore(start);
    EventLog.Page page;
    do {
      page = log.read(position, start.plusSeconds(1), 5);
      page.entries().stream().map(LogEntry::eventId).forEach(read::add);
      position = page.next();
    } while (page.full());

    assertThat(read).containsExactlyElementsOf(cassandraOrder);
    assertThat(ids.stream().sorted(LogPositions.ORDER).toList())
        .containsExactlyElementsOf(cassandraOrder);
  }
}
