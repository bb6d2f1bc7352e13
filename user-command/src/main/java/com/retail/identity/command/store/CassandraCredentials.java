package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.OneTimeTokens;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraEventStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Credentials as static columns of the user's {@code user_events} partition: a change is part of
 * the stream's own (conditional) batch, and login reads the credential and the stream's version in
 * one single-partition read.
 */
public final class CassandraCredentials implements Credentials {
  private final Session session;
  private final CassandraEventStore events;
  private final PreparedStatement open;
  private final PreparedStatement select;
  private final PreparedStatement newHash;
  private final PreparedStatement erase;
  private final PreparedStatement rehash;
  private final PreparedStatement verification;
  private final PreparedStatement verified;
  private final PreparedStatement roles;

  public CassandraCredentials(CassandraConnector cassandra, CassandraEventStore events) {
    this.session = cassandra.session();
    this.events = events;
    String table = cassandra.keyspace() + ".user_events";
    open =
        session
            .prepare(
                "UPDATE "
                    + table
                    + " SET email_key = ?, password_hash = ?, roles = ?, erased = false"
                    + " WHERE user_id = ?")
            .setIdempotent(true);
    select =
        session
            .prepare(
                "SELECT email_key, password_hash, roles, version, erased FROM "
                    + table
                    + " WHERE user_id = ? LIMIT 1")
            .setIdempotent(true);
    newHash =
        session
            .prepare(
                "UPDATE " + table + " SET password_hash = ?, reset_token = null WHERE user_id = ?")
            .setIdempotent(true);
    erase =
        session
            .prepare(
                "UPDATE "
                    + table
                    + " SET erased = true, password_hash = null, reset_token = null,"
                    + " verify_token = null"
                    + " WHERE user_id = ?")
            .setIdempotent(true);
    verification =
        session
            .prepare(
                "UPDATE "
                    + table
                    + " USING TTL "
                    + OneTimeTokens.Purpose.EMAIL_VERIFICATION.life().toSeconds()
                    + " SET verify_token = ? WHERE user_id = ?")
            .setIdempotent(true);
    verified =
        session
            .prepare("UPDATE " + table + " SET verify_token = null WHERE user_id = ?")
            .setIdempotent(true);
    roles =
        session.prepare("UPDATE " + table + " SET roles = ? WHERE user_id = ?").setIdempotent(true);
    rehash =
        session.prepare(
            "UPDATE " + table + " SET password_hash = ? WHERE user_id = ? IF password_hash = ?");
  }

  @Override
  public Optional<Credential> find(UUID userId) {
    Row row = session.execute(select.bind(userId)).one();
    if (row == null || row.isNull("email_key") || row.isNull("version") || row.getBool("erased")) {
      return Optional.empty();
    }
    return Optional.of(
        new Credential(
            userId,
            row.getString("email_key"),
            row.getString("password_hash"),
            row.getSet("roles", String.class),
            row.getLong("version")));
  }

  @Override
  public List<StoredEvent> open(
      Credential credential,
      String correlationId,
      List<NewEvent> newEvents,
      String verificationHash) {
    List<Statement> sameWrite =
        verificationHash == null
            ? List.of(openRow(credential))
            : List.of(
                openRow(credential), verification.bind(verificationHash, credential.userId()));
    return events.appendToNewStream(credential.userId(), correlationId, newEvents, sameWrite);
  }

  /** The credential of a new stream, for a bulk writer that batches it with the stream's rows. */
  private Statement openRow(Credential c) {
    return open.bind(c.emailKey(), c.passwordHash(), c.roles(), c.userId());
  }

  @Override
  public List<StoredEvent> append(
      UUID userId,
      long expectedVersion,
      String correlationId,
      List<NewEvent> newEvents,
      Change change) {
    return events.append(
        userId, expectedVersion, correlationId, newEvents, sameWrite(userId, change));
  }

  private List<Statement> sameWrite(UUID userId, Change change) {
    if (change instanceof Change.NewPasswordHash hash) {
      return List.of(newHash.bind(hash.passwordHash(), userId));
    }
    if (change instanceof Change.Erased) {
      return List.of(erase.bind(userId));
    }
    if (change instanceof Change.EmailVerified) {
      return List.of(verified.bind(userId));
    }
    if (change instanceof Change.NewRoles newRoles) {
      return List.of(roles.bind(newRoles.roles(), userId));
    }
    return List.of();
  }

  @Override
  public void rehash(UUID userId, String oldHash, String newHash) {
    session.execute(rehash.bind(newHash, userId, oldHash));
  }
}
