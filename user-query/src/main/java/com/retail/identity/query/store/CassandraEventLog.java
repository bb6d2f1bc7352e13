package com.retail.identity.query.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.query.core.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the time-bucketed {@code event_log}: walks the buckets from the one the position falls in
 * to the one before {@code before}, each in event-id order, so the pages come out in log order.
 * Quorum reads (the connector's default) overlap the writers' quorum writes: an event acknowledged
 * to a writer is never missed by a read that covers its time.
 */
public final class CassandraEventLog implements EventLog {
  private final Session session;
  private final LogBuckets buckets;
  private final PreparedStatement select;
  private final PreparedStatement epoch;

  public CassandraEventLog(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    this.select = session.prepare("SELECT user_id, seq, event_id, event_type, schema_version, occurred_at,"
        + " correlation_id, payload FROM " + cassandra.keyspace() + ".event_log"
        + " WHERE bucket = ? AND event_id > ? AND event_id <= ? LIMIT ?");
    this.epoch = session.prepare("SELECT first_event_at FROM " + cassandra.keyspace() + ".log_epoch WHERE id = 0");
  }

  @Override
  public java.util.Optional<Instant> start() {
    Row row = session.execute(epoch.bind()).one();
    return row == null || row.getTimestamp("first_event_at") == null
        ? java.util.Optional.empty() : java.util.Optional.of(row.getTimestamp("first_event_at").toInstant());
  }

  @Override
  public Page read(UUID after, Instant before, int limit) {
    UUID upTo = positionBefore(before);
    if (UUIDs.unixTimestamp(upTo) < UUIDs.unixTimestamp(after)) {
      return new Page(List.of(), after, false); // nothing can be before a position we have passed
    }
    List<StoredEvent> events = new ArrayList<>();
    Instant last = buckets.start(Instant.ofEpochMilli(UUIDs.unixTimestamp(upTo)));
    for (Instant bucket = buckets.start(Instant.ofEpochMilli(UUIDs.unixTimestamp(after)));
        !bucket.isAfter(last) && events.size() < limit; bucket = buckets.next(bucket)) {
      for (Row row : session.execute(select.bind(buckets.bucketAt(bucket), after, upTo, limit - events.size()))) {
        events.add(new StoredEvent(row.getUUID("user_id"), row.getLong("seq"), row.getUUID("event_id"),
            row.getString("event_type"), row.getInt("schema_version"), row.getTimestamp("occurred_at").toInstant(),
            row.getString("correlation_id"), row.getString("payload")));
      }
    }
    if (events.size() >= limit) {
      return new Page(events, events.get(events.size() - 1).eventId(), true);
    }
    return new Page(events, upTo, false);
  }

  @Override
  public UUID positionBefore(Instant instant) {
    return UUIDs.endOf(instant.toEpochMilli() - 1);
  }
}
