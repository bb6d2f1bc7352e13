package com.retail.identity.command.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.RegistrationInterrupted;
import com.retail.identity.command.core.ReservationAttempts;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Email reservations as lightweight transactions: one winner per key, even across instances. A
 * reservation still pending after the abandonment window belongs to a registration that died half
 * way (its store went down before it could confirm or release); the next registration of that email
 * takes it over, again with a lightweight transaction, and the reservation reaper removes it. Every
 * attempt is noted first in {@code reservation_attempts} (by minute) for the reaper.
 */
public final class CassandraEmailReservations implements EmailReservations, ReservationAttempts {
  private static final LogBuckets MINUTES = new LogBuckets(Duration.ofMinutes(1));
  private final Session session;
  private final Clock clock;
  private final Duration abandonedAfter;
  private final PreparedStatement noteAttempt;
  private final PreparedStatement attemptsIn;
  private final PreparedStatement holding;
  private final PreparedStatement removePending;
  private final PreparedStatement reserve;
  private final PreparedStatement takeOver;
  private final PreparedStatement confirm;
  private final PreparedStatement release;
  private final PreparedStatement select;

  /**
   * For registrations: every attempt is noted, and pending reservations older than {@code
   * abandoned} are reaped.
   */
  public static CassandraEmailReservations forRegistrations(
      CassandraConnector cassandra, Clock clock, Duration abandoned) {
    return new CassandraEmailReservations(cassandra, clock, abandoned);
  }

  private CassandraEmailReservations(
      CassandraConnector cassandra, Clock clock, Duration abandoned) {
    this.session = cassandra.session();
    this.clock = clock;
    this.abandonedAfter = abandoned;
    String ks = cassandra.keyspace();
    noteAttempt =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".reservation_attempts (bucket, attempt_id, email_key, user_id,"
                    + " erasure) VALUES (?, ?, ?, ?, ?)")
            .setIdempotent(true);
    attemptsIn =
        session
            .prepare(
                "SELECT attempt_id, email_key, user_id, erasure FROM "
                    + ks
                    + ".reservation_attempts"
                    + " WHERE bucket = ? AND attempt_id >= minTimeuuid(?) AND attempt_id < minTimeuuid(?)")
            .setIdempotent(true);
    holding =
        session
            .prepare(
                "SELECT user_id, state, reserved_at FROM "
                    + ks
                    + ".email_reservations WHERE email_key = ?")
            .setIdempotent(true);
    removePending =
        session.prepare(
            "DELETE FROM "
                + ks
                + ".email_reservations WHERE email_key = ?"
                + " IF user_id = ? AND state = 'pending'");
    reserve =
        session.prepare(
            "INSERT INTO "
                + ks
                + ".email_reservations (email_key, user_id, state, reserved_at)"
                + " VALUES (?, ?, 'pending', ?) IF NOT EXISTS");
    takeOver =
        session.prepare(
            "UPDATE "
                + ks
                + ".email_reservations SET user_id = ?, reserved_at = ?"
                + " WHERE email_key = ? IF user_id = ? AND state = 'pending'");
    // Conditional, yet safe for the driver to send again when a coordinator dies (ADR 0008): a
    // second
    // confirm finds the row already ours and active, a second release finds it gone; neither can
    // take a reservation from another user.
    confirm =
        session
            .prepare(
                "UPDATE "
                    + ks
                    + ".email_reservations SET state = 'active' WHERE email_key = ?"
                    + " IF user_id = ?")
            .setIdempotent(true);
    release =
        session
            .prepare("DELETE FROM " + ks + ".email_reservations WHERE email_key = ? IF user_id = ?")
            .setIdempotent(true);
    select =
        session
            .prepare("SELECT user_id, state FROM " + ks + ".email_reservations WHERE email_key = ?")
            .setIdempotent(true);
  }

  @Override
  public Reservation reserve(String emailKey, UUID userId) {
    // Noted before the reservation exists, so whatever happens next, the reaper looks at it.
    note(emailKey, userId, false);
    ResultSet result = session.execute(reserveRow(emailKey, userId));
    if (result.wasApplied()) {
      return Reservation.RESERVED;
    }
    Row holder = result.one();
    if (userId.equals(holder.getUUID("user_id"))) {
      return Reservation.ALREADY_HELD;
    }
    return takeOverIfAbandoned(emailKey, userId, holder) ? Reservation.RESERVED : Reservation.TAKEN;
  }

  /**
   * The conditional insert of {@link #reserve}, unexecuted: applied, or the holder's row (user_id,
   * state, reserved_at).
   */
  private BoundStatement reserveRow(String emailKey, UUID userId) {
    return reserve.bind(emailKey, userId, Date.from(clock.instant()));
  }

  /**
   * After a {@link #reserveRow} that was not applied: takes the key over if its holder died half
   * way.
   */
  private boolean takeOverIfAbandoned(String emailKey, UUID userId, Row holder) {
    boolean abandoned =
        "pending".equals(holder.getString("state"))
            && holder
                .getTimestamp("reserved_at")
                .toInstant()
                .isBefore(clock.instant().minus(abandonedAfter));
    return abandoned
        && session
            .execute(
                takeOver.bind(
                    userId, Date.from(clock.instant()), emailKey, holder.getUUID("user_id")))
            .wasApplied();
  }

  @Override
  public void confirm(String emailKey, UUID userId) {
    if (!session.execute(confirm.bind(emailKey, userId)).wasApplied()) {
      throw new RegistrationInterrupted();
    }
  }

  @Override
  public void noteErasure(String emailKey, UUID userId) {
    note(emailKey, userId, true);
  }

  private void note(String emailKey, UUID userId, boolean erasure) {
    UUID attemptId = UUIDs.timeBased();
    session.execute(
        noteAttempt
            .bind(MINUTES.bucketOf(attemptId), attemptId, emailKey, userId, erasure)
            .setIdempotent(true));
  }

  @Override
  public void release(String emailKey, UUID userId) {
    session.execute(release.bind(emailKey, userId));
  }

  @Override
  public Optional<UUID> ownerOf(String emailKey) {
    // LOCAL_QUORUM, not SERIAL: the confirming LWT commits at LOCAL_QUORUM before the registration
    // answers, so a quorum read already sees every confirmed account; a Paxos read would add a
    // prepare round to every login (ADR 0701 item 5). An unconfirmed one is not an owner either
    // way.
    Row row =
        session
            .execute(select.bind(emailKey).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
            .one();
    if (row == null || !"active".equals(row.getString("state"))) {
      return Optional.empty();
    }
    return Optional.of(row.getUUID("user_id"));
  }

  @Override
  public List<Attempt> between(Instant from, Instant to) {
    List<Attempt> found = new ArrayList<>();
    for (Instant bucket = MINUTES.start(from); bucket.isBefore(to); bucket = MINUTES.next(bucket)) {
      for (Row row :
          session.execute(
              attemptsIn.bind(MINUTES.bucketAt(bucket), Date.from(from), Date.from(to)))) {
        found.add(
            new Attempt(
                row.getString("email_key"),
                row.getUUID("user_id"),
                Instant.ofEpochMilli(UUIDs.unixTimestamp(row.getUUID("attempt_id"))),
                !row.isNull("erasure") && row.getBool("erasure")));
      }
    }
    return found;
  }

  @Override
  public Optional<Holding> holding(String emailKey) {
    Row row = session.execute(holding.bind(emailKey)).one();
    if (row == null) {
      return Optional.empty();
    }
    Date reservedAt = row.getTimestamp("reserved_at");
    return Optional.of(
        new Holding(
            row.getUUID("user_id"),
            "pending".equals(row.getString("state")),
            reservedAt == null ? Instant.EPOCH : reservedAt.toInstant()));
  }

  @Override
  public boolean removePending(String emailKey, UUID userId) {
    return session.execute(removePending.bind(emailKey, userId)).wasApplied();
  }
}
