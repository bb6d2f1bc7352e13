package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.common.store.CassandraConnector;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/** Email reservations as lightweight transactions: one winner per key, even across instances. */
public final class CassandraEmailReservations implements EmailReservations {
  private final Session session;
  private final PreparedStatement reserve;
  private final PreparedStatement confirm;
  private final PreparedStatement release;
  private final PreparedStatement select;

  public CassandraEmailReservations(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String ks = cassandra.keyspace();
    reserve = session.prepare("INSERT INTO " + ks + ".email_reservations (email_key, user_id, state, reserved_at)"
        + " VALUES (?, ?, 'pending', ?) IF NOT EXISTS");
    confirm = session.prepare("UPDATE " + ks + ".email_reservations SET state = 'active' WHERE email_key = ?"
        + " IF user_id = ?");
    release = session.prepare("DELETE FROM " + ks + ".email_reservations WHERE email_key = ? IF user_id = ?");
    select = session.prepare("SELECT user_id, state FROM " + ks + ".email_reservations WHERE email_key = ?");
  }

  @Override
  public boolean reserve(String emailKey, UUID userId) {
    return session.execute(reserve.bind(emailKey, userId, new Date())).wasApplied();
  }

  @Override
  public void confirm(String emailKey, UUID userId) {
    if (!session.execute(confirm.bind(emailKey, userId)).wasApplied()) {
      throw new IllegalStateException("reservation lost before it was confirmed");
    }
  }

  @Override
  public void release(String emailKey, UUID userId) {
    session.execute(release.bind(emailKey, userId));
  }

  @Override
  public Optional<UUID> ownerOf(String emailKey) {
    // SERIAL read: a registration confirmed a moment ago is visible to the next login.
    Row row = session.execute(select.bind(emailKey)
        .setConsistencyLevel(com.datastax.driver.core.ConsistencyLevel.LOCAL_SERIAL)).one();
    if (row == null || !"active".equals(row.getString("state"))) {
      return Optional.empty();
    }
    return Optional.of(row.getUUID("user_id"));
  }
}
