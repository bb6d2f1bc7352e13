package com.retail.identity.readmodel.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.readmodel.core.ProjectionState;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkpoints and leases in {@code projection_offsets}, one row per projection. The lease is the
 * {@code owner} cell, written with a TTL by lightweight transactions (LOCAL_SERIAL); a checkpoint
 * save is a conditional batch on the same row that renews the lease, so only the holder moves the
 * checkpoint.
 */
public final class CassandraProjectionState implements ProjectionState {
  private final Session session;
  private final LogBuckets buckets;
  private final PreparedStatement take;
  private final PreparedStatement renew;
  private final PreparedStatement position;
  private final PreparedStatement release;
  private final PreparedStatement select;

  public CassandraProjectionState(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    String table = cassandra.keyspace() + ".projection_offsets";
    take =
        session.prepare(
            "UPDATE " + table + " USING TTL ? SET owner = ? WHERE projection = ? IF owner = null");
    renew =
        session.prepare(
            "UPDATE " + table + " USING TTL ? SET owner = ? WHERE projection = ? IF owner = ?");
    position =
        session
            .prepare(
                "UPDATE "
                    + table
                    + " SET bucket = ?, event_id = ?, updated_at = ? WHERE projection = ?")
            .setIdempotent(true);
    release = session.prepare("DELETE owner FROM " + table + " WHERE projection = ? IF owner = ?");
    select =
        session
            .prepare("SELECT event_id FROM " + table + " WHERE projection = ?")
            .setIdempotent(true);
  }

  @Override
  public boolean acquire(String projection, String owner, Duration ttl) {
    int seconds = (int) ttl.toSeconds();
    if (session.execute(take.bind(seconds, owner, projection)).wasApplied()) {
      return true;
    }
    return session.execute(renew.bind(seconds, owner, projection, owner)).wasApplied();
  }

  @Override
  public boolean save(String projection, String owner, UUID at, Duration ttl) {
    BatchStatement batch = new BatchStatement(BatchStatement.Type.LOGGED);
    batch.add(renew.bind((int) ttl.toSeconds(), owner, projection, owner));
    batch.add(position.bind(buckets.bucketOf(at), at, new Date(), projection));
    return session.execute(batch).wasApplied();
  }

  @Override
  public void release(String projection, String owner) {
    session.execute(release.bind(projection, owner));
  }

  @Override
  public Optional<UUID> checkpoint(String projection) {
    Row row = session.execute(select.bind(projection)).one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getUUID("event_id"));
  }
}
