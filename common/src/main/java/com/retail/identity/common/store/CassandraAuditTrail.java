package com.retail.identity.common.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.audit.AuditTrail;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail in Cassandra (migration 012): each entry goes, in one logged batch at the events'
 * consistency, to its subject's month (when it has a subject), its actor's month and its day. A
 * query reads the partitions of one of them, newest first, and stops as soon as it has enough.
 */
public final class CassandraAuditTrail implements AuditTrail {
  private static final int FETCH = 500;
  private static final String ENTRY = "actor, subject, action, request_id, reason, service, detail";
  private final Session session;
  private final PreparedStatement insertBySubject;
  private final PreparedStatement insertByActor;
  private final PreparedStatement insertByDay;
  private final PreparedStatement readBySubject;
  private final PreparedStatement readByActor;
  private final PreparedStatement readByDay;

  public CassandraAuditTrail(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String ks = cassandra.keyspace();
    insertBySubject = insert(ks, "audit_by_subject", "subject, month");
    insertByActor = insert(ks, "audit_by_actor", "actor, month");
    insertByDay = insert(ks, "audit_by_day", "day");
    readBySubject = read(ks, "audit_by_subject", "subject = ? AND month = ?");
    readByActor = read(ks, "audit_by_actor", "actor = ? AND month = ?");
    readByDay = read(ks, "audit_by_day", "day = ?");
  }

  private PreparedStatement insert(String ks, String table, String key) {
    // The key columns first, then the entry's own (the key's column is written once, as key).
    List<String> columns = new ArrayList<>(List.of(key.split(", ")));
    columns.add("id");
    for (String column : ENTRY.split(", ")) {
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    String marks = String.join(", ", columns.stream().map(c -> "?").toList());
    return session
        .prepare(
            "INSERT INTO "
                + ks
                + "."
                + table
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + marks
                + ")")
        .setIdempotent(true);
  }

  private PreparedStatement read(String ks, String table, String key) {
    return session
        .prepare(
            "SELECT id, "
                + ENTRY
                + " FROM "
                + ks
                + "."
                + table
                + " WHERE "
                + key
                + " AND id >= minTimeuuid(?) AND id < ?")
        .setIdempotent(true);
  }

  @Override
  public void record(AuditEntry entry) {
    UUID id = UUIDs.startOf(entry.at().toEpochMilli());
    // startOf gives the smallest id of that millisecond; the random part makes it unique.
    id = new UUID(id.getMostSignificantBits(), UUIDs.random().getLeastSignificantBits());
    String month = month(entry.at());
    BatchStatement batch = new BatchStatement(BatchStatement.Type.LOGGED);
    if (entry.subject() != null) {
      batch.add(insertBySubject.bind(withEntry(entry, entry.subject(), month, id, entry.actor())));
    }
    batch.add(insertByActor.bind(withEntry(entry, entry.actor(), month, id, entry.subject())));
    batch.add(
        insertByDay.bind(withEntry(entry, day(entry.at()), id, entry.actor(), entry.subject())));
    batch.setIdempotent(true);
    session.execute(batch);
  }

  /** The key values given, then the entry's own columns every table has. */
  private static Object[] withEntry(AuditEntry entry, Object... key) {
    Object[] values = java.util.Arrays.copyOf(key, key.length + 5);
    values[key.length] = entry.action().name();
    values[key.length + 1] = entry.requestId();
    values[key.length + 2] = entry.reason();
    values[key.length + 3] = entry.service();
    values[key.length + 4] = entry.detail();
    return values;
  }

  @Override
  public List<AuditEntry> find(AuditQuery query) {
    UUID upper = upperBound(query);
    Instant newest = Instant.ofEpochMilli(UUIDs.unixTimestamp(upper));
    List<AuditEntry> found = new ArrayList<>();
    if (query.subject() != null || query.actor() != null) {
      boolean bySubject = query.subject() != null;
      YearMonth first = YearMonth.from(query.from().atZone(ZoneOffset.UTC));
      for (YearMonth month = YearMonth.from(newest.atZone(ZoneOffset.UTC));
          !month.isBefore(first) && found.size() < query.limit();
          month = month.minusMonths(1)) {
        PreparedStatement read = bySubject ? readBySubject : readByActor;
        String key = bySubject ? query.subject() : query.actor();
        collect(read.bind(key, month.toString(), from(query), upper), query, found);
      }
    } else {
      LocalDate first = LocalDate.ofInstant(query.from(), ZoneOffset.UTC);
      for (LocalDate day = LocalDate.ofInstant(newest, ZoneOffset.UTC);
          !day.isBefore(first) && found.size() < query.limit();
          day = day.minusDays(1)) {
        collect(readByDay.bind(day.toString(), from(query), upper), query, found);
      }
    }
    return found;
  }

  /** Exclusive: before the paging entry, else the query's end. */
  private static UUID upperBound(AuditQuery query) {
    if (query.before() != null) {
      UUID before = UUID.fromString(query.before());
      if (before.version() == 1 && UUIDs.unixTimestamp(before) < query.to().toEpochMilli()) {
        return before;
      }
    }
    return UUIDs.startOf(query.to().toEpochMilli());
  }

  private static Date from(AuditQuery query) {
    return Date.from(query.from());
  }

  /** Pages through the partition (the driver fetches on) until the answer is full. */
  private void collect(BoundStatement read, AuditQuery query, List<AuditEntry> found) {
    read.setFetchSize(Math.min(FETCH, query.limit()));
    for (Row row : session.execute(read)) {
      if (found.size() >= query.limit()) {
        return;
      }
      AuditEntry entry = entryOf(row);
      // Read by subject, the actor is filtered here (and the other way round).
      if ((query.actor() == null || query.actor().equals(entry.actor()))
          && (query.subject() == null || query.subject().equals(entry.subject()))) {
        found.add(entry);
      }
    }
  }

  private static AuditEntry entryOf(Row row) {
    UUID id = row.getUUID("id");
    return new AuditEntry(
        id.toString(),
        Instant.ofEpochMilli(UUIDs.unixTimestamp(id)),
        row.getString("actor"),
        AuditAction.valueOf(row.getString("action")),
        row.getString("subject"),
        row.getString("request_id"),
        row.getString("reason"),
        row.getString("service"),
        row.getString("detail"));
  }

  static String month(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
  }

  static String day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
