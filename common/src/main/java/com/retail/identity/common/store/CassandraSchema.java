package com.retail.identity.common.store;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.SimpleStatement;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.exceptions.InvalidQueryException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.QueryExecutionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered CQL migrations in {@code cql/} that the keyspace has not seen yet.
 * Statements are idempotent ({@code IF NOT EXISTS}), so a migration interrupted half way can run
 * again.
 */
public final class CassandraSchema {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraSchema.class);

  /** Add new migrations at the end; never edit one that has shipped. */
  static final List<String> MIGRATIONS =
      List.of(
          "001-event-store.cql",
          "002-identity.cql",
          "003-command-side.cql",
          "004-read-side.cql",
          "005-verification.cql",
          "006-log-epoch.cql",
          "007-reservation-reaper.cql",
          "008-stream-integrity.cql",
          "009-erased-emails.cql",
          "010-account-tokens.cql",
          "011-email-verification.cql",
          "012-audit-trail.cql",
          "013-role-holders.cql",
          "014-idempotency-claimant.cql",
          "015-openid-connect.cql",
          "016-refresh-family-client.cql");

  private static final int DDL_TIMEOUT_MILLIS = 60_000;
  private static final int RECORD_ATTEMPTS = 5;
  private final Session session;
  private final String keyspace;
  private final String replication;

  public CassandraSchema(Session session, String keyspace, String replication) {
    this.session = session;
    this.keyspace = keyspace;
    this.replication = replication;
  }

  public void migrate() {
    ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
    ddl(
        "CREATE TABLE IF NOT EXISTS "
            + keyspace
            + ".schema_migrations (name text PRIMARY KEY, applied_at timestamp)");
    Set<String> applied =
        appliedMigrations().stream().map(row -> row.getString("name")).collect(Collectors.toSet());
    for (String migration : MIGRATIONS) {
      List<String> statements = statements(migration);
      if (applied.contains(migration) || statements.isEmpty()) {
        continue; // an empty, reserved migration is not recorded, so it runs once it has content
      }
      for (String statement : statements) {
        ddl(statement.replace("${keyspace}", keyspace));
      }
      record(migration);
      LOG.info("Applied CQL migration {} to keyspace {}", migration, keyspace);
    }
  }

  /**
   * The migrations already applied. On a fresh ring on busy cores the node coordinating this read
   * may not have applied the table created just before (the driver stops waiting for schema
   * agreement after a while): the read is made again until it has.
   */
  private List<Row> appliedMigrations() {
    return retried(
        "reading schema_migrations (not yet known to the coordinator)",
        InvalidQueryException.class,
        () -> session.execute("SELECT name FROM " + keyspace + ".schema_migrations").all());
  }

  /**
   * Notes the migration as applied. Right after a schema change a replica can be too busy to
   * acknowledge in time (a fresh ring on two shared cores); the insert is idempotent, so it is
   * simply made again.
   */
  private void record(String migration) {
    Statement insert =
        new SimpleStatement(
                "INSERT INTO "
                    + keyspace
                    + ".schema_migrations (name, applied_at) VALUES (?, toTimestamp(now()))",
                migration)
            .setIdempotent(true);
    retried(
        "recording CQL migration " + migration,
        QueryExecutionException.class,
        () -> session.execute(insert));
  }

  /**
   * {@code step}, made again after 1 s, 2 s, ... while it fails with {@code transientFailure}, at
   * most {@link #RECORD_ATTEMPTS} times in all.
   */
  private static <T> T retried(
      String what, Class<? extends DriverException> transientFailure, Supplier<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.get();
      } catch (DriverException e) {
        boolean retryable =
            transientFailure.isInstance(e) || e instanceof OperationTimedOutException;
        if (!retryable || attempt >= RECORD_ATTEMPTS) {
          throw e;
        }
        LOG.warn("{} failed (try {}): {}; trying again", what, attempt, e.getMessage());
        try {
          Thread.sleep(1_000L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Schema changes wait for schema agreement, which takes far longer than a query on a busy node.
   */
  private void ddl(String statement) {
    session.execute(new SimpleStatement(statement).setReadTimeoutMillis(DDL_TIMEOUT_MILLIS));
  }

  static List<String> statements(String migration) {
    try (InputStream in = CassandraSchema.class.getResourceAsStream("/cql/" + migration)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource cql/" + migration);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> statements = new ArrayList<>();
      for (String part : text.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
        if (!part.isBlank()) {
          statements.add(part.strip());
        }
      }
      return statements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> migrations() {
    return Arrays.asList(MIGRATIONS.toArray(String[]::new));
  }
}
