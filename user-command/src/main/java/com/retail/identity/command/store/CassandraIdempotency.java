package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.Idempotency;
import com.retail.identity.common.store.CassandraConnector;
import java.util.Optional;

/**
 * Claimed with a lightweight transaction, so two concurrent retries never both run. A claim lives
 * {@link #CLAIM_SECONDS} until its request completes (then the answer is kept a day), so a claim
 * whose request died with its store (the abandon could not be written either) frees the key by
 * itself.
 */
public final class CassandraIdempotency implements Idempotency {
  private static final int DAY = 86_400;
  static final int CLAIM_SECONDS = 120;
  private final Session session;
  private final PreparedStatement claim;
  private final PreparedStatement complete;
  private final PreparedStatement abandon;

  public CassandraIdempotency(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".idempotency";
    claim =
        session.prepare(
            "INSERT INTO "
                + table
                + " (scope_key, request_hash, status) VALUES (?, ?, 0)"
                + " IF NOT EXISTS USING TTL "
                + CLAIM_SECONDS);
    complete =
        session
            .prepare(
                "UPDATE "
                    + table
                    + " USING TTL "
                    + DAY
                    + " SET status = ?, response = ?, location = ?, request_hash = ? WHERE scope_key = ?")
            .setIdempotent(true);
    abandon = session.prepare("DELETE FROM " + table + " WHERE scope_key = ?").setIdempotent(true);
  }

  @Override
  public Optional<Stored> claim(String scopedKey, String requestHash) {
    ResultSet result = session.execute(claim.bind(scopedKey, requestHash));
    if (result.wasApplied()) {
      return Optional.empty();
    }
    Row row = result.one();
    return Optional.of(
        new Stored(
            row.getString("request_hash"),
            row.getInt("status"),
            row.getString("response"),
            row.getString("location")));
  }

  @Override
  public void complete(
      String scopedKey, String requestHash, int status, String body, String location) {
    session.execute(complete.bind(status, body, location, requestHash, scopedKey));
  }

  @Override
  public void abandon(String scopedKey) {
    // Not awaited: when the store is failing this would add its whole timeout to the 503.
    session.executeAsync(abandon.bind(scopedKey));
  }
}
