package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CassandraEventStoreIT {
  private static CassandraConnector cassandra;
  private static CassandraEventStore store;

  @BeforeAll
  static void connect() {
    cassandra = new CassandraConnector(TestStack.cassandra());
    store = new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(60)));
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  @Test
  void appendedEventsAreReadBackInSequenceOrder() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "c-1", List.of(new NewEvent("UserRegistered", 1, "{\"a\":1}")));
    store.append(user, 1, "c-2", List.of(new NewEvent("ProfileUpdated", 1, "{\"b\":2}"),
        new NewEvent("ProfileUpdated", 1, "{\"b\":3}")));

    List<StoredEvent> stream = store.readStream(user);

    assertThat(stream).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(stream).extracting(StoredEvent::payload).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"b\":3}");
    assertThat(stream.get(1).correlationId()).isEqualTo("c-2");
  }

  @Test
  void aSecondWriterAtTheSameSequenceGetsAConflictAndChangesNothing() {
    UUID user = UUID.randomUUID();
    store.append(user, 0, "first", List.of(new NewEvent("UserRegistered", 1, "{\"w\":1}")));

    assertThatThrownBy(() -> store.append(user, 0, "second", List.of(new NewEvent("UserRegistered", 1, "{\"w\":2}"))))
        .isInstanceOf(StreamConflictException.class);

    assertThat(store.readStream(user)).singleElement()
        .satisfies(e -> assertThat(e.payload()).isEqualTo("{\"w\":1}"));
  }

  @Test
  void everyAppendedEventIsInTheTimeBucketedLog() {
    UUID user = UUID.randomUUID();
    LogBuckets buckets = new LogBuckets(Duration.ofMinutes(60));
    StoredEvent event = store.append(user, 0, "c", List.of(new NewEvent("UserRegistered", 1, "{}"))).get(0);

    long inLog = cassandra.session().execute("SELECT count(*) FROM " + cassandra.keyspace()
        + ".event_log WHERE bucket = ? AND event_id = ?", buckets.bucketOf(event.eventId()), event.eventId())
        .one().getLong(0);

    assertThat(inLog).isEqualTo(1);
  }
}
