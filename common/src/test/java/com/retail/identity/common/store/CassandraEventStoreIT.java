package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.driver.core.Row;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CassandraEventStoreIT {
  private static CassandraConnector cassandra;
  private static CassandraEventStore store;
  private static final LogBuckets BUCKETS = new LogBuckets(Duration.ofMinutes(60), 4);

  @BeforeAll
  static void connect() {
    cassandra = new CassandraConnector(TestStack.cassandra());
    store = new CassandraEventStore(cassandra, BUCKETS);
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  @Test
  void appendedEventsAreReadBackInSequenceOrder() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "c-1", List.of(new NewEvent("UserRegistered", 1, "{\"a\":1}")));
    store.append(
        user,
        1,
        "c-2",
        List.of(
            new NewEvent("ProfileUpdated", 1, "{\"b\":2}"),
            new NewEvent("ProfileUpdated", 1, "{\"b\":3}")));

    List<StoredEvent> stream = store.readStream(user);

    assertThat(stream).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(stream)
        .extracting(StoredEvent::payload)
        .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"b\":3}");
    assertThat(stream.get(1).correlationId()).isEqualTo("c-2");
  }

  @Test
  void aSecondWriterAtTheSameSequenceGetsAConflictAndChangesNothing() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "first", List.of(new NewEvent("UserRegistered", 1, "{\"w\":1}")));

    assertThatThrownBy(
            () ->
                store.append(
                    user, 0, "second", List.of(new NewEvent("UserRegistered", 1, "{\"w\":2}"))))
        .isInstanceOf(StreamConflictException.class);

    assertThat(store.readStream(user))
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo("{\"w\":1}"));
  }

  @Test
  void everyAppendedEventHasAnEntryInItsUsersShardOfTheTimeBucketedLog() {
    UUID user = UUID.randomUUID();
    StoredEvent event =
        store.append(user, 0, "c", List.of(new NewEvent("UserRegistered", 1, "{}"))).get(0);

    Row entry =
        cassandra
            .session()
            .execute(
                "SELECT user_id, seq FROM "
                    + cassandra.keyspace()
                    + ".event_log_entries WHERE bucket = ? AND shard = ? AND event_id = ?",
                BUCKETS.bucketOf(event.eventId()),
                BUCKETS.shardOf(user),
                event.eventId())
            .one();

    assertThat(entry).isNotNull();
    assertThat(entry.getUUID("user_id")).isEqualTo(user);
    assertThat(entry.getLong("seq")).isEqualTo(1);
  }

  @Test
  void
      givenAStreamAtVersionOne_whenAnAppendNamesAVersionItNeverHad_thenItIsRefusedAndTheStreamHasNoGap() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "c", List.of(new NewEvent("UserRegistered", 1, "{}")));

    for (long wrong : new long[] {5, 2, -2, 0}) {
      assertThatThrownBy(
              () ->
                  store.append(user, wrong, "c", List.of(new NewEvent("ProfileUpdated", 1, "{}"))))
          .as("expected version %d", wrong)
          .isInstanceOf(StreamConflictException.class);
    }

    assertThat(store.readStream(user)).extracting(StoredEvent::seq).containsExactly(1L);
    assertThat(store.currentVersion(user)).isEqualTo(1);
  }

  @Test
  void
      givenManyConcurrentWriters_whenEachAppendsAtTheVersionItRead_thenTheStreamIsGapFreeAndHoldsEveryAcknowledgedEvent()
          throws Exception {
    UUID user = UUID.randomUUID();
    store.appendToNewStream(user, "c", List.of(new NewEvent("UserRegistered", 1, "{}")));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Long>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                long acknowledged = 0;
                for (int i = 0; i < 5; i++) {
                  long current = store.currentVersion(user);
                  try {
                    store.append(
                        user,
                        current,
                        "w" + writer,
                        List.of(new NewEvent("ProfileUpdated", 1, "{\"w\":" + writer + "}")));
                    acknowledged++;
                  } catch (StreamConflictException lost) {
                    // another writer took this version: the next round reads again
                  }
                }
                return acknowledged;
              }));
    }
    long acknowledged = 0;
    for (Future<Long> writer : writers) {
      acknowledged += writer.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<StoredEvent> stream = store.readStream(user);
    assertThat(stream)
        .extracting(StoredEvent::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + acknowledged).boxed().toList());
    assertThat(store.currentVersion(user)).isEqualTo(1 + acknowledged);
  }

  @Test
  void givenACrashAfterTheLogEntry_thenTheStreamHasNoEventAndTheNextAppendTakesTheSameVersion() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "c", List.of(new NewEvent("UserRegistered", 1, "{}")));
    CrashPoints.arm(CassandraEventStore.AFTER_LOG_ENTRIES);
    try {
      assertThatThrownBy(
              () ->
                  store.append(
                      user, 1, "crashed", List.of(new NewEvent("ProfileUpdated", 1, "{}"))))
          .isInstanceOf(CrashPoints.Crash.class);
    } finally {
      CrashPoints.disarmAll();
    }

    assertThat(store.readStream(user)).extracting(StoredEvent::seq).containsExactly(1L);
    StoredEvent next =
        store.append(user, 1, "next", List.of(new NewEvent("ProfileUpdated", 1, "{}"))).get(0);
    assertThat(next.seq()).isEqualTo(2);
    long entries =
        cassandra
            .session()
            .execute(
                "SELECT count(*) FROM "
                    + cassandra.keyspace()
                    + ".event_log_entries WHERE bucket = ? AND shard = ?",
                BUCKETS.bucketOf(next.eventId()),
                BUCKETS.shardOf(user))
            .all()
            .stream()
            .mapToLong(r -> r.getLong(0))
            .sum();
    assertThat(entries)
        .as(
            "the crashed append's entry names version 2 too; readers take the event from the stream")
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void
      givenAStreamWrittenWithoutAVersionColumn_whenAppendedToAtItsLastSequence_thenItIsAcceptedAndKeepsTheRule() {
    UUID user = UUID.randomUUID();
    for (long seq = 1; seq <= 2; seq++) {
      cassandra
          .session()
          .execute(
              "INSERT INTO "
                  + cassandra.keyspace()
                  + ".user_events (user_id, seq, event_id, event_type,"
                  + " schema_version, occurred_at, correlation_id, payload) VALUES (?, ?, now(), 'ProfileUpdated', 1,"
                  + " toTimestamp(now()), 'legacy', '{}')",
              user,
              seq);
    }

    store.append(user, 2, "c", List.of(new NewEvent("ProfileUpdated", 1, "{}")));

    assertThat(store.readStream(user)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
    assertThatThrownBy(
            () -> store.append(user, 5, "c", List.of(new NewEvent("ProfileUpdated", 1, "{}"))))
        .isInstanceOf(StreamConflictException.class);
  }
}
