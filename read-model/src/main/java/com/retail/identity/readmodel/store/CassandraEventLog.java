package com.retail.identity.readmodel.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.common.events.LogEntry;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.readmodel.core.EventLog;
import com.retail.identity.readmodel.core.LogPositions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Reads the time-bucketed, sharded {@code event_log_entries}: walks the buckets from the one the
 * position falls in to the one before {@code before}; in each it reads every shard up to the same
 * bound and merges them in timeuuid order, so the pages come out in log order and one position
 * describes progress over all shards. Quorum reads (the connector's default) overlap the writers'
 * quorum writes: an entry acknowledged to a writer is never missed by a read that covers its time.
 */
public final class CassandraEventLog implements EventLog {
  private final Session session;
  private final LogBuckets buckets;
  private final PreparedStatement select;
  private final PreparedStatement epoch;
  private final List<Integer> allShards;

  public CassandraEventLog(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    this.allShards = IntStream.range(0, buckets.shards()).boxed().toList();
    this.select =
        session
            .prepare(
                "SELECT event_id, user_id, seq FROM "
                    + cassandra.keyspace()
                    + ".event_log_entries"
                    + " WHERE bucket = ? AND shard IN ? AND event_id > ? AND event_id <= ?"
                    + " PER PARTITION LIMIT ?")
            .setIdempotent(true);
    this.epoch =
        session
            .prepare(
                "SELECT first_event_at FROM " + cassandra.keyspace() + ".log_epoch WHERE id = 0")
            .setIdempotent(true);
  }

  @Override
  public Optional<Instant> start() {
    Row row = session.execute(epoch.bind()).one();
    return row == null || row.getTimestamp("first_event_at") == null
        ? Optional.empty()
        : Optional.of(row.getTimestamp("first_event_at").toInstant());
  }

  @Override
  public Page read(UUID after, Instant before, int limit) {
    UUID upTo = positionBefore(before);
    if (UUIDs.unixTimestamp(upTo) < UUIDs.unixTimestamp(after)) {
      return new Page(List.of(), after, false); // nothing can be before a position we have passed
    }
    List<LogEntry> entries = new ArrayList<>();
    Instant last = buckets.start(Instant.ofEpochMilli(UUIDs.unixTimestamp(upTo)));
    for (Instant bucket = buckets.start(Instant.ofEpochMilli(UUIDs.unixTimestamp(after)));
        !bucket.isAfter(last) && entries.size() < limit;
        bucket = buckets.next(bucket)) {
      entries.addAll(readBucket(buckets.bucketAt(bucket), after, upTo, limit - entries.size()));
    }
    if (entries.size() >= limit) {
      return new Page(entries, entries.get(entries.size() - 1).eventId(), true);
    }
    return new Page(entries, upTo, false);
  }

  /**
   * The first {@code limit} entries of one bucket over all its shards, in log order, in one
   * request: a caught-up projector reads the log's tail several times a second, and a request per
   * shard made those reads a large share of an idle node's CPU (README findings, row 16).
   */
  private List<LogEntry> readBucket(String bucket, UUID after, UUID upTo, int limit) {
    List<LogEntry> merged = new ArrayList<>();
    for (Row row : session.execute(select.bind(bucket, allShards, after, upTo, limit))) {
      merged.add(new LogEntry(row.getUUID("event_id"), row.getUUID("user_id"), row.getLong("seq")));
    }
    merged.sort((a, b) -> LogPositions.ORDER.compare(a.eventId(), b.eventId()));
    return merged.size() <= limit ? merged : new ArrayList<>(merged.subList(0, limit));
  }

  @Override
  public UUID positionBefore(Instant instant) {
    return UUIDs.endOf(instant.toEpochMilli() - 1);
  }
}
