package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.PasswordResets;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The pending reset as the static {@code reset_token} of the user's {@code user_events} partition,
 * written with a TTL of the token's life; {@link CassandraCredentials} clears it with every new
 * password hash.
 */
public final class CassandraPasswordResets implements PasswordResets {
  private final Session session;
  private final PreparedStatement issue;
  private final PreparedStatement pending;

  public CassandraPasswordResets(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".user_events";
    // Conditional, like every other write of the credential: never written to an erased account,
    // and ordered with the conditional batches that clear it.
    issue =
        session.prepare(
            "UPDATE "
                + table
                + " USING TTL ? SET reset_token = ? WHERE user_id = ? IF erased = false");
    pending =
        session
            .prepare("SELECT reset_token FROM " + table + " WHERE user_id = ? LIMIT 1")
            .setIdempotent(true);
  }

  @Override
  public boolean issue(UUID userId, String secretHash, Duration life) {
    return session.execute(issue.bind((int) life.toSeconds(), secretHash, userId)).wasApplied();
  }

  @Override
  public Optional<String> pending(UUID userId) {
    Row row = session.execute(pending.bind(userId)).one();
    return row == null || row.isNull("reset_token")
        ? Optional.empty()
        : Optional.of(row.getString("reset_token"));
  }
}
