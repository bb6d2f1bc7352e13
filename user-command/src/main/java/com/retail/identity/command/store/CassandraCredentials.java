package com.retail.identity.command.store;

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

  public CassandraCredentials(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String ks = cassandra.keyspace();
    insert = session.prepare("INSERT INTO " + ks + ".credentials (user_id, password_hash, roles, stream_version, erased)"
        + " VALUES (?, ?, ?, ?, false)");
    select = session.prepare("SELECT user_id, password_hash, roles, stream_version, erased FROM " + ks
        + ".credentials WHERE user_id = ?");
  }

  @Override
  public void save(Credential credential) {
    session.execute(insert.bind(credential.userId(), credential.passwordHash(), credential.roles(),
        credential.streamVersion()));
  }

  @Override
  public Optional<Credential> find(UUID userId) {
    Row row = session.execute(select.bind(userId)).one();
    if (row == null || row.getBool("erased")) {
      return Optional.empty();
    }
    return Optional.of(new Credential(row.getUUID("user_id"), row.getString("password_hash"),
        row.getSet("roles", String.class), row.getLong("stream_version")));
  }
}
