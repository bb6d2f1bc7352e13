package com.retail.identity.command.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Email reservations as lightweight transactions: one winner per key, even across instances.
 * A reservation still pending after {@link #ABANDONED} belongs to a registration that died half
 * way (its store went down before it could confirm or release); the next registration of that
 * email takes it over, again with a lightweight transaction.
 */
public final class CassandraEmailReservations implements EmailReservations {
  static final Duration ABANDONED = Duration.ofMinutes(2);
  private final Session session;
  private final Clock clock;
  private final PreparedStatement reserve;
  private final PreparedStatement takeOver;
  private final PreparedStatement confirm;
  private final PreparedStatement release;
  private final PreparedStatement select;
  private final PreparedStatement insertActive;

  public CassandraEmailReservations(CassandraConnector cassandra, Clock clock) {
    this.session = cassandra.session();
    this.clock = clock;
    String ks = cassandra.keyspace();
    reserve = session.prepare("INSERT INTO " + ks + ".email_reservations (email_key, user_id, state, reserved_at)"
        + " VALUES (?, ?, 'pending', ?) IF NOT EXISTS");
    takeOver = session.prepare("UPDATE " + ks + ".email_reservations SET user_id = ?, reserved_at = ?"
        + " WHERE email_key = ? IF user_id = ? AND state = 'pending'");
    confirm = session.prepare("UPDATE " + ks + ".email_reservations SET state = 'active' WHERE email_key = ?"
        + " IF user_id = ?");
    release = session.prepare("DELETE FROM " + ks + ".email_reservations WHERE email_key = ? IF user_id = ?");
    select = session.prepare("SELECT user_id, state FROM " + ks + ".email_reservations WHERE email_key = ?");
    insertActive = session.prepare("INSERT INTO " + ks + ".email_reservations (email_key, user_id, state, reserved_at)"
        + " VALUES (?, ?, 'active', ?)");
  }

  @Override
  public boolean reserve(String emailKey, UUID userId) {
    ResultSet result = session.execute(reserveRow(emailKey, userId));
    return result.wasApplied() || takeOverIfAbandoned(emailKey, userId, result.one());
  }

  /** The conditional insert of {@link #reserve}, unexecuted: applied, or the holder's row (user_id, state, reserved_at). */
  public BoundStatement reserveRow(String emailKey, UUID userId) {
    return reserve.bind(emailKey, userId, Date.from(clock.instant()));
  }

  /** After a {@link #reserveRow} that was not applied: takes the key over if its holder died half way. */
  public boolean takeOverIfAbandoned(String emailKey, UUID userId, Row holder) {
    boolean abandoned = "pending".equals(holder.getString("state"))
        && holder.getTimestamp("reserved_at").toInstant().isBefore(clock.instant().minus(ABANDONED));
    return abandoned && session.execute(takeOver.bind(userId, Date.from(clock.instant()), emailKey,
        holder.getUUID("user_id"))).wasApplied();
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
    Row row = session.execute(select.bind(emailKey).setConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).one();
    if (row == null || !"active".equals(row.getString("state"))) {
      return Optional.empty();
    }
    return Optional.of(row.getUUID("user_id"));
  }

  /**
   * For an initial load that runs while nothing else registers (sign-ups closed): a plain read of
   * the reservation (columns user_id, state; no Paxos round) ...
   */
  public BoundStatement plainRead(String emailKey) {
    return select.bind(emailKey);
  }

  /**
   * ... and an active reservation written without a lightweight transaction; a bulk import also
   * confirms a reservation it took with {@link #reserveRow} this way (its user id is derived from
   * the email, so it cannot hold the key for another user).
   */
  public BoundStatement activeRow(String emailKey, UUID userId) {
    return insertActive.bind(emailKey, userId, Date.from(clock.instant()));
  }
}
