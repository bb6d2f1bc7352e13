package com.retail.identity.common.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Event store on Cassandra. A stream append is one conditional batch on the user's partition
 * (IF NOT EXISTS on each sequence number), so two writers can never both win; the log rows that
 * projections tail are written after it, keyed by the same event id, so a retry is harmless.
 */
public final class CassandraEventStore implements EventStore {
  private final Session session;
  private final LogBuckets buckets;
  private final String keyspace;
  private final PreparedStatement insertStream;
  private final PreparedStatement insertStreamUnconditionally;
  private final PreparedStatement insertLog;
  private final PreparedStatement selectStream;
  private final PreparedStatement selectLastSeq;
  private final PreparedStatement recordEpoch;
  private volatile boolean epochRecorded;

  public CassandraEventStore(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    String ks = cassandra.keyspace();
    this.keyspace = ks;
    this.insertStream = session.prepare("INSERT INTO " + ks + ".user_events (user_id, seq, event_id, event_type,"
        + " schema_version, occurred_at, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
    this.insertStreamUnconditionally = session.prepare("INSERT INTO " + ks + ".user_events (user_id, seq, event_id,"
        + " event_type, schema_version, occurred_at, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .setIdempotent(true);
    this.insertLog = session.prepare("INSERT INTO " + ks + ".event_log (bucket, event_id, user_id, seq, event_type,"
        + " schema_version, occurred_at, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .setIdempotent(true);
    this.selectStream = session.prepare("SELECT user_id, seq, event_id, event_type, schema_version, occurred_at,"
        + " correlation_id, payload FROM " + ks + ".user_events WHERE user_id = ?").setIdempotent(true);
    this.recordEpoch = session.prepare("INSERT INTO " + ks + ".log_epoch (id, first_event_at) VALUES (0, ?) IF NOT EXISTS");
    this.selectLastSeq = session.prepare("SELECT seq FROM " + ks + ".user_events WHERE user_id = ? ORDER BY seq DESC LIMIT 1")
        .setIdempotent(true);
  }

  /** When the log began, if anything was ever written. */
  public java.util.Optional<Instant> epoch() {
    Row row = session.execute("SELECT first_event_at FROM " + keyspace + ".log_epoch WHERE id = 0").one();
    return row == null ? java.util.Optional.empty() : java.util.Optional.of(row.getTimestamp(0).toInstant());
  }

  @Override
  public long currentVersion(UUID userId) {
    Row row = session.execute(selectLastSeq.bind(userId)).one();
    return row == null ? 0 : row.getLong("seq");
  }

  @Override
  public List<StoredEvent> append(UUID userId, long expectedSeq, String correlationId, List<NewEvent> events) {
    return write(userId, expectedSeq, correlationId, events, insertStream, true);
  }

  @Override
  public List<StoredEvent> appendToNewStream(UUID userId, String correlationId, List<NewEvent> events) {
    return write(userId, 0, correlationId, events, insertStreamUnconditionally, false);
  }

  private List<StoredEvent> write(UUID userId, long expectedSeq, String correlationId, List<NewEvent> events,
      PreparedStatement streamInsert, boolean conditional) {
    if (events.isEmpty()) {
      return List.of();
    }
    Rows rows = rows(userId, expectedSeq, correlationId, events, streamInsert);
    BatchStatement streamBatch = new BatchStatement(BatchStatement.Type.UNLOGGED);
    streamBatch.addAll(rows.stream());
    ResultSet result = session.execute(streamBatch);
    if (conditional && !result.wasApplied()) {
      throw new StreamConflictException(userId, expectedSeq);
    }
    recordEpoch(rows.events().get(0).occurredAt());
    BatchStatement logBatch = new BatchStatement(BatchStatement.Type.UNLOGGED);
    rows.log().forEach(row -> logBatch.add(row.insert()));
    session.execute(logBatch);
    return rows.events();
  }

  /** A log row and the bucket (partition) it goes to. */
  public record LogRow(String bucket, BoundStatement insert) {}

  /** The unexecuted writes of new events: stream rows (the user's partition) and log rows. */
  public record Rows(List<StoredEvent> events, List<BoundStatement> stream, List<LogRow> log) {}

  /**
   * The rows of a new stream, unconditional as in {@link #appendToNewStream}, for a bulk writer that
   * groups rows by partition itself; it must write the log rows after the stream rows and call
   * {@link #recordEpoch} once.
   */
  public Rows newStreamRows(UUID userId, String correlationId, List<NewEvent> events) {
    return rows(userId, 0, correlationId, events, insertStreamUnconditionally);
  }

  private Rows rows(UUID userId, long expectedSeq, String correlationId, List<NewEvent> events,
      PreparedStatement streamInsert) {
    List<StoredEvent> stored = new ArrayList<>(events.size());
    List<BoundStatement> stream = new ArrayList<>(events.size());
    List<LogRow> log = new ArrayList<>(events.size());
    long seq = expectedSeq;
    for (NewEvent event : events) {
      seq++;
      UUID eventId = UUIDs.timeBased();
      Instant occurredAt = Instant.ofEpochMilli(UUIDs.unixTimestamp(eventId));
      StoredEvent e = new StoredEvent(userId, seq, eventId, event.type(), event.schemaVersion(), occurredAt,
          correlationId, event.payload());
      stored.add(e);
      Date at = Date.from(occurredAt);
      String bucket = buckets.bucketOf(eventId);
      stream.add(streamInsert.bind(userId, seq, eventId, e.type(), e.schemaVersion(), at, correlationId, e.payload()));
      log.add(new LogRow(bucket, insertLog.bind(bucket, eventId, userId, seq, e.type(), e.schemaVersion(), at,
          correlationId, e.payload())));
    }
    return new Rows(stored, stream, log);
  }

  /** Once per process: the first event ever written names where a full replay starts. */
  public void recordEpoch(Instant firstEventAt) {
    if (!epochRecorded) {
      session.execute(recordEpoch.bind(Date.from(firstEventAt)));
      epochRecorded = true;
    }
  }

  @Override
  public List<StoredEvent> readStream(UUID userId) {
    List<StoredEvent> events = new ArrayList<>();
    for (Row row : session.execute(selectStream.bind(userId))) {
      events.add(new StoredEvent(row.getUUID("user_id"), row.getLong("seq"), row.getUUID("event_id"),
          row.getString("event_type"), row.getInt("schema_version"), row.getTimestamp("occurred_at").toInstant(),
          row.getString("correlation_id"), row.getString("payload")));
    }
    return events;
  }
}
