package com.retail.identity.replayer.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.OverloadedException;
import com.datastax.driver.core.exceptions.QueryConsistencyException;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.retail.identity.command.core.ImportedAccounts;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.store.CassandraPhoneRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * What an import writes, on Cassandra, a chunk at a time with few round trips per user: every
 * request of a round is sent at once (at most {@code maxRequests} in flight across all chunks) and
 * a timeout or an overloaded node is retried. The rows are the ones user-command's own adapters
 * write (the tables of {@code local-stack} {@code cql/}): email reservations, erasure tombstones,
 * data keys, the stream with the credential in its static columns, the log; and verification's
 * phone record.
 *
 * <p>An account is written as the log rows grouped by bucket (one partition per batch) first, then
 * per user one unlogged batch of the data key, the stream row and the credential (same partition
 * key: one mutation, applied whole). Every write may run twice: inserts of the same values, and a
 * reservation that was applied before it timed out reads back as this user's own pending one, which
 * {@code ImportUsers} then writes again whole.
 */
public final class CassandraBulkImport implements ImportedAccounts {
  private static final int ATTEMPTS = 3;
  private final Session session;
  private final Clock clock;
  private final CassandraDataKeys dataKeys;
  private final CassandraEventStore events;
  private final CassandraPhoneRecords phoneRecords;
  private final PhoneKeys phoneKeys;
  private final Semaphore inFlight;
  private final int logBatchRows;
  private final PreparedStatement erasedEmail;
  private final PreparedStatement reserve;
  private final PreparedStatement holder;
  private final PreparedStatement takeOver;
  private final PreparedStatement confirm;
  private final PreparedStatement credential;

  /**
   * @param maxRequests requests in flight at once: enough to keep a busy node fed, few enough that
   *     none waits in its queue longer than the request timeout
   * @param logBatchRows log rows per batch (one partition, one mutation)
   */
  public CassandraBulkImport(
      CassandraConnector cassandra,
      Clock clock,
      CassandraDataKeys dataKeys,
      CassandraEventStore events,
      CassandraPhoneRecords phoneRecords,
      PhoneKeys phoneKeys,
      int maxRequests,
      int logBatchRows) {
    this.session = cassandra.session();
    this.clock = clock;
    this.dataKeys = dataKeys;
    this.events = events;
    this.phoneRecords = phoneRecords;
    this.phoneKeys = phoneKeys;
    this.inFlight = new Semaphore(maxRequests);
    this.logBatchRows = logBatchRows;
    String ks = cassandra.keyspace();
    erasedEmail =
        session.prepare("SELECT erased_at FROM " + ks + ".erased_emails WHERE email_key = ?");
    reserve =
        session.prepare(
            "INSERT INTO "
                + ks
                + ".email_reservations (email_key, user_id, state, reserved_at)"
                + " VALUES (?, ?, 'pending', ?) IF NOT EXISTS");
    holder =
        session
            .prepare(
                "SELECT user_id, state, reserved_at FROM "
                    + ks
                    + ".email_reservations WHERE email_key = ?")
            .setIdempotent(true);
    takeOver =
        session.prepare(
            "UPDATE "
                + ks
                + ".email_reservations SET user_id = ?, reserved_at = ?"
                + " WHERE email_key = ? IF user_id = ? AND state = 'pending'");
    // Plain, not conditional: the user id is derived from the email, so it cannot hold the key for
    // another user.
    confirm =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".email_reservations (email_key, user_id, state, reserved_at)"
                    + " VALUES (?, ?, 'active', ?)")
            .setIdempotent(true);
    credential =
        session
            .prepare(
                "UPDATE "
                    + ks
                    + ".user_events SET email_key = ?, password_hash = ?, roles = ?,"
                    + " erased = false WHERE user_id = ?")
            .setIdempotent(true);
  }

  @Override
  public List<Reply<Boolean>> erased(List<String> emailKeys) {
    return replies(
        emailKeys.stream().map(key -> send(erasedEmail.bind(key))).toList(),
        rows -> rows.one() != null);
  }

  @Override
  public List<Reply<Optional<Holder>>> reserve(List<Claim> claims) {
    Date now = Date.from(clock.instant());
    return replies(
        claims.stream().map(c -> send(reserve.bind(c.emailKey(), c.userId(), now))).toList(),
        rows -> rows.wasApplied() ? Optional.empty() : holderOf(rows.one()));
  }

  @Override
  public List<Reply<Optional<Holder>>> holders(List<String> emailKeys) {
    return replies(
        emailKeys.stream().map(key -> send(holder.bind(key))).toList(),
        rows -> holderOf(rows.one()));
  }

  @Override
  public boolean takeOver(Claim claim, Holder abandoned) {
    return session
        .execute(
            takeOver.bind(
                claim.userId(), Date.from(clock.instant()), claim.emailKey(), abandoned.userId()))
        .wasApplied();
  }

  @Override
  public List<Boolean> open(List<NewAccount> accounts) {
    boolean[] failed = new boolean[accounts.size()];
    // The log entries first (one partition per batch), then each user's own rows: an event is never
    // in a stream without its entry (docs/adr/0106). An entry whose user rows fail names nothing.
    List<CassandraDataKeys.FreshKey> keys = new ArrayList<>(accounts.size());
    List<CassandraEventStore.Rows> userRows = new ArrayList<>(accounts.size());
    Map<String, List<Pending>> logRows = new LinkedHashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      NewAccount account = accounts.get(i);
      CassandraDataKeys.FreshKey key = dataKeys.freshKeyRow(account.userId());
      CassandraEventStore.Rows rows =
          events.newStreamRows(
              account.userId(),
              account.correlationId(),
              List.of(account.sealedEvent().apply(key.key())),
              List.of(credentialRow(account)));
      keys.add(key);
      userRows.add(rows);
      events.recordEpoch(rows.events().get(0).occurredAt());
      for (CassandraEventStore.LogRow row : rows.log()) {
        logRows
            .computeIfAbsent(row.partition(), b -> new ArrayList<>())
            .add(new Pending(i, row.insert()));
      }
    }
    List<CompletableFuture<ResultSet>> logWrites = new ArrayList<>();
    List<List<Pending>> logBatches = new ArrayList<>();
    for (List<Pending> partition : logRows.values()) {
      for (int from = 0; from < partition.size(); from += logBatchRows) {
        List<Pending> part =
            partition.subList(from, Math.min(partition.size(), from + logBatchRows));
        BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
        part.forEach(p -> batch.add(p.statement()));
        logBatches.add(part);
        logWrites.add(send(batch));
      }
    }
    for (int b = 0; b < logWrites.size(); b++) {
      if (!succeeded(logWrites.get(b))) {
        logBatches.get(b).forEach(p -> failed[p.index()] = true);
      }
    }

    List<CompletableFuture<ResultSet>> userWrites = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      if (failed[i]) {
        userWrites.add(null);
        continue;
      }
      BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
      batch.add(keys.get(i).insert());
      batch.addAll(userRows.get(i).stream());
      userWrites.add(send(batch));
    }
    List<Boolean> written = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      written.add(!failed[i] && succeeded(userWrites.get(i)));
    }
    return written;
  }

  @Override
  public List<Boolean> recordVerifiedPhones(List<VerifiedPhone> phones, boolean contended) {
    List<List<CompletableFuture<ResultSet>>> writes = new ArrayList<>(phones.size());
    for (VerifiedPhone phone : phones) {
      writes.add(
          phoneRecords
              .importedRows(
                  phone.userId(), phoneKeys.phoneHash(phone.e164()), phone.verifiedAt(), contended)
              .stream()
              .map(this::send)
              .toList());
    }
    List<Boolean> recorded = new ArrayList<>(phones.size());
    for (List<CompletableFuture<ResultSet>> write : writes) {
      boolean all = true;
      for (CompletableFuture<ResultSet> part : write) {
        all &= succeeded(part);
      }
      recorded.add(all);
    }
    return recorded;
  }

  @Override
  public List<Boolean> confirm(List<Claim> claims) {
    Date now = Date.from(clock.instant());
    List<CompletableFuture<ResultSet>> writes =
        claims.stream().map(c -> send(confirm.bind(c.emailKey(), c.userId(), now))).toList();
    return writes.stream().map(CassandraBulkImport::succeeded).toList();
  }

  private Statement credentialRow(NewAccount account) {
    var c = account.credential();
    return credential.bind(c.emailKey(), c.passwordHash(), c.roles(), c.userId());
  }

  /** A reservation row (user_id, state, reserved_at), or empty. */
  private static Optional<Holder> holderOf(Row row) {
    if (row == null) {
      return Optional.empty();
    }
    Date reservedAt = row.getTimestamp("reserved_at");
    return Optional.of(
        new Holder(
            row.getUUID("user_id"),
            !"active".equals(row.getString("state")),
            reservedAt == null ? null : reservedAt.toInstant()));
  }

  /** A log row of account {@code index}. */
  private record Pending(int index, Statement statement) {}

  /** Waits for each request in order: its answer, or a failure. */
  private static <T> List<Reply<T>> replies(
      List<CompletableFuture<ResultSet>> requests, Function<ResultSet, T> answer) {
    List<Reply<T>> replies = new ArrayList<>(requests.size());
    for (CompletableFuture<ResultSet> request : requests) {
      try {
        replies.add(Reply.of(answer.apply(request.join())));
      } catch (CompletionException e) {
        replies.add(Reply.failure());
      }
    }
    return replies;
  }

  /** Waits for a write; false when it did not succeed. */
  private static boolean succeeded(CompletableFuture<ResultSet> write) {
    try {
      write.join();
      return true;
    } catch (CompletionException e) {
      return false;
    }
  }

  /**
   * Executes asynchronously, at most {@code maxRequests} at once across all chunks (back-pressure).
   */
  private CompletableFuture<ResultSet> send(Statement statement) {
    inFlight.acquireUninterruptibly();
    CompletableFuture<ResultSet> done = new CompletableFuture<>();
    execute(statement, done, 1);
    return done;
  }

  private void execute(Statement statement, CompletableFuture<ResultSet> done, int attempt) {
    ResultSetFuture future = session.executeAsync(statement);
    Futures.addCallback(
        future,
        new FutureCallback<>() {
          @Override
          public void onSuccess(ResultSet result) {
            inFlight.release();
            done.complete(result);
          }

          @Override
          public void onFailure(Throwable failure) {
            if (attempt < ATTEMPTS && retryable(failure)) {
              execute(statement, done, attempt + 1);
            } else {
              inFlight.release();
              done.completeExceptionally(failure);
            }
          }
        },
        MoreExecutors.directExecutor());
  }

  /**
   * A timeout or an overloaded node: the store is busy (a flush, a compaction, a pause), not
   * refusing.
   */
  private static boolean retryable(Throwable failure) {
    return failure instanceof OperationTimedOutException
        || failure instanceof QueryConsistencyException
        || failure instanceof OverloadedException
        || failure instanceof NoHostAvailableException;
  }
}
