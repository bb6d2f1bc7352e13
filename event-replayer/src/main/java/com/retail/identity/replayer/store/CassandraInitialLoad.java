package com.retail.identity.replayer.store;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.replayer.core.ImportRow;
import com.retail.identity.replayer.core.ImportUsers;
import com.retail.identity.replayer.core.ImportUsers.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * The writer of an initial load: no lightweight transaction and few round trips per user. For a
 * chunk of rows it reads their reservations (plain reads), writes each new user's data key, stream
 * row and credential as one unlogged batch (same partition key: one mutation, applied whole), then
 * the log rows grouped by bucket (one partition per batch), and last the active reservations.
 * A row is done only once its reservation is active, so a load that stops anywhere is completed by
 * the next run: a row without one is written again whole with a fresh key (the batch replaces the
 * key, the stream row and the credential together; a log row left over from the stopped run only
 * makes the projector fold the stream once more). The user id comes from the email lookup key, so a
 * second run finds every active reservation and writes nothing.
 *
 * <p>Safe only while nothing else registers (sign-ups closed): the plain read and write of the
 * reservation do not guard against a registration racing the load, as the default mode's
 * lightweight transaction does.
 */
public final class CassandraInitialLoad {
  /** A row that passed the checks, with its email lookup key. */
  public record Candidate(ImportRow row, String emailKey, String correlationId) {}

  private final Session session;
  private final ImportUsers users;
  private final CassandraEmailReservations reservations;
  private final CassandraDataKeys dataKeys;
  private final CassandraEventStore events;
  private final CassandraCredentials credentials;
  private final Semaphore inFlight;
  private final int logBatchRows;

  public CassandraInitialLoad(CassandraConnector cassandra, ImportUsers users, CassandraEmailReservations reservations,
      CassandraDataKeys dataKeys, CassandraEventStore events, CassandraCredentials credentials, int maxRequests,
      int logBatchRows) {
    this.session = cassandra.session();
    this.users = users;
    this.reservations = reservations;
    this.dataKeys = dataKeys;
    this.events = events;
    this.credentials = credentials;
    this.inFlight = new Semaphore(maxRequests);
    this.logBatchRows = logBatchRows;
  }

  /** Writes a chunk; the outcome of each row in order ({@link Outcome#FAILED}: run the file again). */
  public List<Outcome> write(List<Candidate> chunk) {
    Outcome[] outcomes = new Outcome[chunk.size()];
    UUID[] userIds = new UUID[chunk.size()];
    List<CompletableFuture<ResultSet>> reads = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      userIds[i] = ImportUsers.userIdFor(chunk.get(i).emailKey());
      reads.add(send(reservations.plainRead(chunk.get(i).emailKey())));
    }
    for (int i = 0; i < chunk.size(); i++) {
      Row held = result(reads.get(i), outcomes, i) ? reads.get(i).join().one() : null;
      if (outcomes[i] == null && held != null) {
        if (!userIds[i].equals(held.getUUID("user_id"))) {
          outcomes[i] = Outcome.TAKEN; // registered by the customer, or imported under another file
        } else if ("active".equals(held.getString("state"))) {
          outcomes[i] = Outcome.DUPLICATE;
        } // else our own pending reservation from a default-mode load that stopped: write it whole
      }
    }

    // The user's own rows first: the projector folds the stream when it sees a log row.
    List<CompletableFuture<ResultSet>> userWrites = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    Map<String, List<Pending>> logRows = new LinkedHashMap<>();
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] != null) {
        continue;
      }
      Candidate candidate = chunk.get(i);
      CassandraDataKeys.FreshKey key = dataKeys.freshKeyRow(userIds[i]);
      CassandraEventStore.Rows rows = events.newStreamRows(userIds[i], candidate.correlationId(),
          List.of(users.importedEvent(candidate.row(), userIds[i], key.key())));
      BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
      batch.add(key.insert());
      batch.addAll(rows.stream());
      batch.add(credentials.insertRow(ImportUsers.credentialOf(candidate.row(), userIds[i], candidate.emailKey())));
      userWrites.set(i, send(batch));
      events.recordEpoch(rows.events().get(0).occurredAt());
      for (CassandraEventStore.LogRow row : rows.log()) {
        logRows.computeIfAbsent(row.bucket(), b -> new ArrayList<>()).add(new Pending(i, row.insert()));
      }
    }
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] == null) {
        result(userWrites.get(i), outcomes, i);
      }
    }

    // Then the log rows, one partition per batch.
    List<CompletableFuture<ResultSet>> logWrites = new ArrayList<>();
    List<List<Pending>> logBatches = new ArrayList<>();
    for (List<Pending> bucket : logRows.values()) {
      List<Pending> written = bucket.stream().filter(p -> outcomes[p.index()] == null).toList();
      for (int from = 0; from < written.size(); from += logBatchRows) {
        List<Pending> part = written.subList(from, Math.min(written.size(), from + logBatchRows));
        BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
        part.forEach(p -> batch.add(p.statement()));
        logBatches.add(part);
        logWrites.add(send(batch));
      }
    }
    for (int b = 0; b < logWrites.size(); b++) {
      try {
        logWrites.get(b).join();
      } catch (CompletionException e) {
        logBatches.get(b).forEach(p -> outcomes[p.index()] = Outcome.FAILED);
      }
    }

    // Last the reservations: from here on a row counts as imported.
    List<CompletableFuture<ResultSet>> confirms = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] == null) {
        confirms.set(i, send(reservations.activeRow(chunk.get(i).emailKey(), userIds[i])));
      }
    }
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] == null && result(confirms.get(i), outcomes, i)) {
        outcomes[i] = Outcome.IMPORTED;
      }
    }
    return Arrays.asList(outcomes);
  }

  /** A log row of chunk row {@code index}. */
  private record Pending(int index, Statement statement) {}

  /** Waits for a write; false (and the row marked failed) when it did not succeed. */
  private static boolean result(CompletableFuture<ResultSet> write, Outcome[] outcomes, int index) {
    try {
      write.join();
      return true;
    } catch (CompletionException e) {
      outcomes[index] = Outcome.FAILED;
      return false;
    }
  }

  /** Executes asynchronously, at most {@code maxRequests} at once across all chunks (back-pressure). */
  private CompletableFuture<ResultSet> send(Statement statement) {
    inFlight.acquireUninterruptibly();
    CompletableFuture<ResultSet> done = new CompletableFuture<>();
    ResultSetFuture future = session.executeAsync(statement);
    Futures.addCallback(future, new FutureCallback<>() {
      @Override
      public void onSuccess(ResultSet result) {
        inFlight.release();
        done.complete(result);
      }

      @Override
      public void onFailure(Throwable failure) {
        inFlight.release();
        done.completeExceptionally(failure);
      }
    }, MoreExecutors.directExecutor());
    return done;
  }
}
