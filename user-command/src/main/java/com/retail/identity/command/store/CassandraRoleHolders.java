package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.RoleHolders;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** The role index in Cassandra (migration 013): one partition per role. */
public final class CassandraRoleHolders implements RoleHolders {
  private final Session session;
  private final PreparedStatement insert;
  private final PreparedStatement delete;
  private final PreparedStatement select;

  public CassandraRoleHolders(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".role_holders";
    insert =
        session
            .prepare("INSERT INTO " + table + " (role, user_id, since) VALUES (?, ?, ?)")
            .setIdempotent(true);
    delete =
        session
            .prepare("DELETE FROM " + table + " WHERE role = ? AND user_id = ?")
            .setIdempotent(true);
    select =
        session
            .prepare("SELECT user_id, since FROM " + table + " WHERE role = ?")
            .setIdempotent(true);
  }

  @Override
  public void add(String role, UUID userId, Instant since) {
    session.execute(insert.bind(role, userId, Date.from(since)));
  }

  @Override
  public void remove(String role, UUID userId) {
    session.execute(delete.bind(role, userId));
  }

  @Override
  public List<Holder> holders(String role) {
    List<Holder> holders = new ArrayList<>();
    for (Row row : session.execute(select.bind(role))) {
      holders.add(new Holder(row.getUUID("user_id"), row.getTimestamp("since").toInstant()));
    }
    return holders;
  }
}
