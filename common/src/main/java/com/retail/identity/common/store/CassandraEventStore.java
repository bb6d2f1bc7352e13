package com.retail.identity.common.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.exceptions.UnavailableException;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.faults.CrashPoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Event store on Cassandra (docs/adr/0106-stream-and-log-as-one-fact.md).
 *
 * <p>An append first writes the log entries that projections tail (one small row per event in the
 * event's time bucket and the user's shard), then the stream in one conditional batch on the user's
 * partition: {@code IF version = <expected>} sets the stream's static {@code version} column to the
 * new head and inserts the events' rows. So an append is accepted only at exactly the current
 * version + 1 (versions are 1..n without gaps), and an event can never be in the stream without its
 * log entry: the entry is acknowledged before the stream write is sent. An entry whose stream write
 * then failed names nothing; readers take events from the stream.
 */
public final class CassandraEventStore implements EventStore {
  /** Between the log entries and the stream write of an append. */
  public static final String AFTER_LOG_ENTRIES = "append:after-log-entries";

  /** After the stream write, before the caller hears of it. */
  public static final String AFTER_STREAM = "append:after-stream";

  private final Session session;
  private final LogBuckets buckets;
  private final String keyspace;
  private final PreparedStatement insertStream;
  private final PreparedStatement setVersionIf;
  private final PreparedStatement setVersionIfNone;
  private final PreparedStatement setVersion;
  private final PreparedStatement insertLogEntry;
  private final PreparedStatement selectStream;
  private final PreparedStatement selectHead;
  private final PreparedStatement selectEventAt;
  private final PreparedStatement recordEpoch;
  private volatile boolean epochRecorded;

  public CassandraEventStore(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    String ks = cassandra.keyspace();
    this.keyspace = ks;
    this.insertStream =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".user_events (user_id, seq, event_id, event_type,"
                    + " schema_version, occurred_at, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .setIdempotent(true);
    // Conditional: never retried blindly (an uncertain outcome is settled by a serial read
    // instead).
    this.setVersionIf =
        session.prepare(
            "UPDATE " + ks + ".user_events SET version = ? WHERE user_id = ? IF version = ?");
    this.setVersionIfNone =
        session.prepare(
            "UPDATE " + ks + ".user_events SET version = ? WHERE user_id = ? IF version = null");
    this.setVersion =
        session
            .prepare("UPDATE " + ks + ".user_events SET version = ? WHERE user_id = ?")
            .setIdempotent(true);
    this.insertLogEntry =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".event_log_entries (bucket, shard, event_id, user_id,"
                    + " seq) VALUES (?, ?, ?, ?, ?)")
            .setIdempotent(true);
    this.selectStream =
        session
            .prepare(
                "SELECT user_id, seq, event_id, event_type, schema_version, occurred_at,"
                    + " correlation_id, payload, version FROM "
                    + ks
                    + ".user_events WHERE user_id = ?")
            .setIdempotent(true);
    this.selectHead =
        session
            .prepare(
                "SELECT version, seq FROM "
                    + ks
                    + ".user_events WHERE user_id = ?"
                    + " ORDER BY seq DESC LIMIT 1")
            .setIdempotent(true);
    this.selectEventAt =
        session
            .prepare(
                "SELECT event_id, version FROM "
                    + ks
                    + ".user_events WHERE user_id = ? AND seq = ?")
            .setIdempotent(true);
    this.recordEpoch =
        session.prepare(
            "INSERT INTO " + ks + ".log_epoch (id, first_event_at) VALUES (0, ?) IF NOT EXISTS");
  }

  /** When the log began, if anything was ever written. */
  public Optional<Instant> epoch() {
    Row row =
        session.execute("SELECT first_event_at FROM " + keyspace + ".log_epoch WHERE id = 0").one();
    return row == null ? Optional.empty() : Optional.of(row.getTimestamp(0).toInstant());
  }

  @Override
  public long currentVersion(UUID userId) {
    Row row = session.execute(selectHead.bind(userId)).one();
    if (row == null) {
      return 0;
    }
    return !row.isNull("version")
        ? row.getLong("version")
        : row.isNull("seq") ? 0 : row.getLong("seq");
  }

  @Override
  public List<StoredEvent> append(
      UUID userId, long expectedSeq, String correlationId, List<NewEvent> events) {
    return append(userId, expectedSeq, correlationId, events, List.of());
  }

  /**
   * {@link #append}, with {@code sameWrite}: unconditional writes of the user's partition of {@code
   * user_events} (its static columns) that must be made in the same write as the events, or not at
   * all.
   */
  public List<StoredEvent> append(
      UUID userId,
      long expectedSeq,
      String correlationId,
      List<NewEvent> events,
      List<? extends Statement> sameWrite) {
    if (events.isEmpty()) {
      return List.of();
    }
    if (expectedSeq < 0) {
      throw new StreamConflictException(userId, expectedSeq);
    }
    Rows rows = rows(userId, expectedSeq, correlationId, events, false, sameWrite);
    writeLogEntries(rows);
    CrashPoints.reached(AFTER_LOG_ENTRIES);
    long head = expectedSeq + events.size();
    boolean applied = conditionalStreamWrite(userId, expectedSeq, head, rows);
    if (!applied && adoptedLegacyStream(userId, expectedSeq)) {
      applied = conditionalStreamWrite(userId, expectedSeq, head, rows);
    }
    if (!applied) {
      throw new StreamConflictException(userId, expectedSeq);
    }
    CrashPoints.reached(AFTER_STREAM);
    return rows.events();
  }

  @Override
  public List<StoredEvent> appendToNewStream(
      UUID userId, String correlationId, List<NewEvent> events) {
    return appendToNewStream(userId, correlationId, events, List.of());
  }

  /**
   * {@link #appendToNewStream}, with writes of the user's partition made in the same write (see
   * {@link #append}).
   */
  public List<StoredEvent> appendToNewStream(
      UUID userId,
      String correlationId,
      List<NewEvent> events,
      List<? extends Statement> sameWrite) {
    if (events.isEmpty()) {
      return List.of();
    }
    Rows rows = rows(userId, 0, correlationId, events, true, sameWrite);
    writeLogEntries(rows);
    CrashPoints.reached(AFTER_LOG_ENTRIES);
    BatchStatement stream = new BatchStatement(BatchStatement.Type.UNLOGGED);
    stream.addAll(rows.stream());
    session.execute(stream);
    CrashPoints.reached(AFTER_STREAM);
    return rows.events();
  }

  /**
   * One Paxos round on the user's partition. When its outcome is unknown (a timeout after the
   * proposal may have been accepted), a serial read settles it before anyone hears an answer: it
   * commits an accepted proposal or makes sure it never will be, so the caller's answer is final.
   */
  private boolean conditionalStreamWrite(UUID userId, long expected, long head, Rows rows) {
    BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
    batch.add(
        expected == 0
            ? setVersionIfNone.bind(head, userId)
            : setVersionIf.bind(head, userId, expected));
    batch.addAll(rows.stream());
    try {
      return session.execute(batch).wasApplied();
    } catch (UnavailableException e) {
      throw e; // refused before any replica was asked: nothing was written
    } catch (DriverException e) {
      if (settledAsWritten(userId, expected + 1, rows.events().get(0).eventId(), e)) {
        return true;
      }
      throw e;
    }
  }

  private boolean settledAsWritten(
      UUID userId, long firstSeq, UUID firstEventId, DriverException uncertain) {
    try {
      Statement read =
          selectEventAt.bind(userId, firstSeq).setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL);
      Row row = session.execute(read).one();
      return row != null && !row.isNull("event_id") && firstEventId.equals(row.getUUID("event_id"));
    } catch (DriverException e) {
      uncertain.addSuppressed(e);
      return false;
    }
  }

  /**
   * A stream written before versions were kept in the partition has no {@code version}: it takes
   * its last sequence number as version once, so appends to it follow the same rule from then on.
   */
  private boolean adoptedLegacyStream(UUID userId, long expected) {
    Row row = session.execute(selectHead.bind(userId)).one();
    if (row == null
        || !row.isNull("version")
        || row.isNull("seq")
        || row.getLong("seq") != expected
        || expected == 0) {
      return false;
    }
    session.execute(setVersionIfNone.bind(expected, userId));
    return true;
  }

  private void writeLogEntries(Rows rows) {
    recordEpoch(rows.events().get(0).occurredAt());
    Map<String, BatchStatement> byPartition = new LinkedHashMap<>();
    for (LogRow row : rows.log()) {
      byPartition
          .computeIfAbsent(row.partition(), p -> new BatchStatement(BatchStatement.Type.UNLOGGED))
          .add(row.insert());
    }
    for (BatchStatement batch : byPartition.values()) {
      session.execute(batch);
    }
  }

  /** A log entry and the partition (bucket and shard) it goes to. */
  public record LogRow(String partition, BoundStatement insert) {}

  /**
   * The unexecuted writes of new events: stream rows (the user's partition, with the new version)
   * and log entries.
   */
  public record Rows(List<StoredEvent> events, List<Statement> stream, List<LogRow> log) {}

  /**
   * The rows of a new stream, unconditional as in {@link #appendToNewStream}, for a bulk writer
   * that groups rows by partition itself; it must write the log entries before the stream rows and
   * call {@link #recordEpoch} once, first.
   */
  public Rows newStreamRows(
      UUID userId,
      String correlationId,
      List<NewEvent> events,
      List<? extends Statement> sameWrite) {
    return rows(userId, 0, correlationId, events, true, sameWrite);
  }

  private Rows rows(
      UUID userId,
      long expectedSeq,
      String correlationId,
      List<NewEvent> events,
      boolean newStream,
      List<? extends Statement> sameWrite) {
    List<StoredEvent> stored = new ArrayList<>(events.size());
    List<Statement> stream = new ArrayList<>(events.size() + 1 + sameWrite.size());
    List<LogRow> log = new ArrayList<>(events.size());
    int shard = buckets.shardOf(userId);
    long seq = expectedSeq;
    for (NewEvent event : events) {
      seq++;
      UUID eventId = UUIDs.timeBased();
      Instant occurredAt = Instant.ofEpochMilli(UUIDs.unixTimestamp(eventId));
      StoredEvent e =
          new StoredEvent(
              userId,
              seq,
              eventId,
              event.type(),
              event.schemaVersion(),
              occurredAt,
              correlationId,
              event.payload());
      stored.add(e);
      stream.add(
          insertStream.bind(
              userId,
              seq,
              eventId,
              e.type(),
              e.schemaVersion(),
              Date.from(occurredAt),
              correlationId,
              e.payload()));
      String bucket = buckets.bucketOf(eventId);
      log.add(
          new LogRow(
              bucket + "/" + shard, insertLogEntry.bind(bucket, shard, eventId, userId, seq)));
    }
    if (newStream) {
      stream.add(
          setVersion.bind(
              seq, userId)); // unconditional: the caller holds the new user id exclusively
    }
    stream.addAll(sameWrite);
    return new Rows(stored, stream, log);
  }

  /** Once per process: the first event ever written names where a full replay starts. */
  public void recordEpoch(Instant firstEventAt) {
    if (!epochRecorded) {
      session.execute(recordEpoch.bind(Date.from(firstEventAt)));
      epochRecorded = true;
    }
  }

  /**
   * The stream in sequence order, up to its version: rows beyond it (none are written by this
   * store) or before 1 (an older store accepted them) are not events of the stream.
   */
  @Override
  public List<StoredEvent> readStream(UUID userId) {
    List<StoredEvent> events = new ArrayList<>();
    for (Row row : session.execute(selectStream.bind(userId))) {
      if (row.isNull("seq")) {
        continue;
      }
      long seq = row.getLong("seq");
      if (seq < 1 || (!row.isNull("version") && seq > row.getLong("version"))) {
        continue;
      }
      events.add(
          new StoredEvent(
              row.getUUID("user_id"),
              seq,
              row.getUUID("event_id"),
              row.getString("event_type"),
              row.getInt("schema_version"),
              row.getTimestamp("occurred_at").toInstant(),
              row.getString("correlation_id"),
              row.getString("payload")));
    }
    return events;
  }
}
