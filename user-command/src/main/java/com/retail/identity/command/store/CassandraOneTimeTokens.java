package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.OneTimeTokens;
import com.retail.identity.common.store.CassandraConnector;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Pending tokens as static columns of the user's {@code user_events} partition ({@code
 * reset_token}, {@code verify_token}), written with a TTL of the purpose's life; {@link
 * CassandraCredentials} clears each in the write that uses it.
 */
public final class CassandraOneTimeTokens implements OneTimeTokens {
  private final Session session;
  private final Map<Purpose, PreparedStatement> issue = new EnumMap<>(Purpose.class);
  private final Map<Purpose, PreparedStatement> pending = new EnumMap<>(Purpose.class);

  public CassandraOneTimeTokens(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".user_events";
    for (Purpose purpose : Purpose.values()) {
      String column = columnOf(purpose);
      // Conditional, like every other write of the credential: never written to an erased
      // account, and ordered with the conditional batches that clear it.
      issue.put(
          purpose,
          session.prepare(
              "UPDATE "
                  + table
                  + " USING TTL ? SET "
                  + column
                  + " = ? WHERE user_id = ? IF erased = false"));
      pending.put(
          purpose,
          session
              .prepare("SELECT " + column + " FROM " + table + " WHERE user_id = ? LIMIT 1")
              .setIdempotent(true));
    }
  }

  static String columnOf(Purpose purpose) {
    return switch (purpose) {
      case PASSWORD_RESET -> "reset_token";
      case EMAIL_VERIFICATION -> "verify_token";
    };
  }

  @Override
  public boolean issue(Purpose purpose, UUID userId, String secretHash) {
    return session
        .execute(issue.get(purpose).bind((int) purpose.life().toSeconds(), secretHash, userId))
        .wasApplied();
  }

  @Override
  public Optional<String> pending(Purpose purpose, UUID userId) {
    Row row = session.execute(pending.get(purpose).bind(userId)).one();
    String column = columnOf(purpose);
    return row == null || row.isNull(column)
        ? Optional.empty()
        : Optional.of(row.getString(column));
  }
}
