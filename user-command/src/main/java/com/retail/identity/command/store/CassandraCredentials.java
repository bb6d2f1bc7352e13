package com.retail.identity.command.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.common.store.CassandraConnector;
import java.util.Optional;
import java.util.UUID;

public final class CassandraCredentials implements Credentials {
  private final Session session;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement updateHash;
  private final PreparedStatement updateVersion;
  private final PreparedStatement erase;

  public CassandraCredentials(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".credentials";
    insert = session.prepare("INSERT INTO " + table + " (user_id, email_key, password_hash, roles, stream_version, erased)"
        + " VALUES (?, ?, ?, ?, ?, false)").setIdempotent(true);
    select = session.prepare("SELECT user_id, email_key, password_hash, roles, stream_version, erased FROM " + table
        + " WHERE user_id = ?").setIdempotent(true);
    updateHash = session.prepare("UPDATE " + table + " SET password_hash = ? WHERE user_id = ?").setIdempotent(true);
    updateVersion = session.prepare("UPDATE " + table + " SET stream_version = ? WHERE user_id = ?")
        .setIdempotent(true);
    erase = session.prepare("UPDATE " + table + " SET erased = true, password_hash = null WHERE user_id = ?")
        .setIdempotent(true);
  }

  @Override
  public void save(Credential c) {
    session.execute(insertRow(c));
  }

  /** The unexecuted insert of {@link #save}, for a bulk writer that batches it with the user's other rows. */
  public BoundStatement insertRow(Credential c) {
    return insert.bind(c.userId(), c.emailKey(), c.passwordHash(), c.roles(), c.streamVersion());
  }

  @Override
  public Optional<Credential> find(UUID userId) {
    Row row = session.execute(select.bind(userId)).one();
    if (row == null || row.getBool("erased")) {
      return Optional.empty();
    }
    return Optional.of(new Credential(row.getUUID("user_id"), row.getString("email_key"), row.getString("password_hash"),
        row.getSet("roles", String.class), row.getLong("stream_version")));
  }

  @Override
  public void updateHash(UUID userId, String passwordHash) {
    session.execute(updateHash.bind(passwordHash, userId));
  }

  @Override
  public void updateVersion(UUID userId, long streamVersion) {
    session.execute(updateVersion.bind(streamVersion, userId));
  }

  @Override
  public void erase(UUID userId) {
    session.execute(erase.bind(userId));
  }
}
