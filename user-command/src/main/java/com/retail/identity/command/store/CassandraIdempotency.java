package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.Idempotency;
import com.retail.identity.common.store.CassandraConnector;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Claimed with a lightweight transaction, so two concurrent retries never both run. A claim lives
 * {@link #CLAIM_SECONDS} until its request completes (then the answer is kept a day), so a claim
 * whose request died with its store (the abandon could not be written either) frees the key by
 * itself.
 *
 * <p>The abandon is conditional too. A claim whose lightweight transaction timed out may have been
 * accepted by a replica without being committed; the next transaction on the key (the customer's
 * retry) finishes it under its own, newer ballot, so it would outlive a plain delete written in
 * between and answer "in progress" for {@link #CLAIM_SECONDS}. A conditional delete first finishes
 * any such round and then removes the claim, and only the claim of the attempt that failed.
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
                + " (scope_key, request_hash, claimant, status) VALUES (?, ?, ?, 0)"
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
    abandon =
        session
            .prepare("DELETE FROM " + table + " WHERE scope_key = ? IF status = 0 AND claimant = ?")
            .setIdempotent(true);
  }

  @Override
  public Optional<Stored> claim(String scopedKey, String requestHash, UUID claimant) {
    ResultSet result = session.execute(claim.bind(scopedKey, requestHash, claimant));
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
  public CompletionStage<Void> abandon(String scopedKey, UUID claimant) {
    // Not awaited by requests: when the store is failing this would add its whole timeout to the
    // 503.
    ResultSetFuture sent = session.executeAsync(abandon.bind(scopedKey, claimant));
    CompletableFuture<Void> stored = new CompletableFuture<>();
    sent.addListener(() -> stored.complete(null), Runnable::run);
    return stored;
  }
}
