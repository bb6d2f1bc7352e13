package com.retail.identity.replayer.store;

import com.datastax.driver.core.BatchStatement;
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
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraErasedEmails;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.replayer.core.ImportRow;
import com.retail.identity.replayer.core.ImportUsers;
import com.retail.identity.replayer.core.ImportUsers.Outcome;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.store.CassandraPhoneRecords;
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
 * Writes imported users in chunks, with few round trips per user. For a chunk of rows it first
 * reads their erasure tombstones (a row whose customer erased their account is left alone), then takes
 * (or, in an initial load, reads) their reservations, writes each new user's data key, stream row
 * and credential as one unlogged batch (same partition key: one mutation, applied whole), then the
 * log rows grouped by bucket (one partition per batch), and last confirms the reservations. A row
 * is done only once its reservation is active, so a load that stops anywhere is completed by the
 * next run: a row whose reservation is missing or still pending (and ours) is written again whole
 * with a fresh key (the batch replaces the key, the stream row and the credential together; a log
 * row left over from the stopped run only makes the projector fold the stream once more). The user
 * id comes from the email lookup key, so a second run finds every active reservation and writes
 * nothing.
 *
 * <p>By default each reservation is a lightweight transaction, as for a registration, so the load
 * may run while customers sign up. An initial load ({@code lightweightTransactions = false}) reads
 * and writes the reservations plainly instead: a quarter of the store's work, but safe only while
 * nothing else registers (sign-ups closed).
 */
public final class CassandraBulkImport {
  /** A row that passed the checks, with its email lookup key. */
  public record Candidate(ImportRow row, String emailKey, String correlationId) {}

  private static final int ATTEMPTS = 3;
  private final Session session;
  private final ImportUsers users;
  private final CassandraEmailReservations reservations;
  private final CassandraErasedEmails erasedEmails;
  private final CassandraDataKeys dataKeys;
  private final CassandraEventStore events;
  private final CassandraCredentials credentials;
  private final CassandraPhoneRecords phoneRecords;
  private final PhoneKeys phoneKeys;
  private final boolean lightweightTransactions;
  private final Semaphore inFlight;
  private final int logBatchRows;

  public CassandraBulkImport(CassandraConnector cassandra, ImportUsers users, CassandraEmailReservations reservations,
      CassandraErasedEmails erasedEmails, CassandraDataKeys dataKeys, CassandraEventStore events,
      CassandraCredentials credentials, CassandraPhoneRecords phoneRecords, PhoneKeys phoneKeys,
      boolean lightweightTransactions, int maxRequests, int logBatchRows) {
    this.session = cassandra.session();
    this.users = users;
    this.reservations = reservations;
    this.erasedEmails = erasedEmails;
    this.dataKeys = dataKeys;
    this.events = events;
    this.credentials = credentials;
    this.phoneRecords = phoneRecords;
    this.phoneKeys = phoneKeys;
    this.lightweightTransactions = lightweightTransactions;
    this.inFlight = new Semaphore(maxRequests);
    this.logBatchRows = logBatchRows;
  }

  /** Writes a chunk; the outcome of each row in order ({@link Outcome#FAILED}: run the file again). */
  public List<Outcome> write(List<Candidate> chunk) {
    Outcome[] outcomes = new Outcome[chunk.size()];
    UUID[] userIds = new UUID[chunk.size()];
    // Erasure is final: a customer who erased their account is not written back, whatever the file says.
    List<CompletableFuture<ResultSet>> tombstones = new ArrayList<>(chunk.size());
    for (Candidate candidate : chunk) {
      tombstones.add(send(erasedEmails.readRow(candidate.emailKey())));
    }
    for (int i = 0; i < chunk.size(); i++) {
      if (result(tombstones.get(i), outcomes, i) && tombstones.get(i).join().one() != null) {
        outcomes[i] = Outcome.ERASED;
      }
    }
    List<CompletableFuture<ResultSet>> reads = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    for (int i = 0; i < chunk.size(); i++) {
      userIds[i] = ImportUsers.userIdFor(chunk.get(i).emailKey());
      String emailKey = chunk.get(i).emailKey();
      if (outcomes[i] == null) {
        reads.set(i, send(lightweightTransactions ? reservations.reserveRow(emailKey, userIds[i])
            : reservations.plainRead(emailKey)));
      }
    }
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] != null || !result(reads.get(i), outcomes, i)) {
        continue;
      }
      ResultSet reservation = reads.get(i).join();
      Row held = lightweightTransactions && reservation.wasApplied() ? null : reservation.one();
      if (held == null) {
        continue; // ours now
      }
      if (!userIds[i].equals(held.getUUID("user_id"))) {
        boolean ours = lightweightTransactions && takeOver(chunk.get(i).emailKey(), userIds[i], held, outcomes, i);
        if (!ours && outcomes[i] == null) {
          outcomes[i] = Outcome.TAKEN; // registered by the customer, or imported under another file
        }
      } else if ("active".equals(held.getString("state"))) {
        outcomes[i] = Outcome.DUPLICATE;
      } // else our own pending reservation from a load that stopped: write the row whole
    }

    // The log entries first (one partition per batch), then each user's own rows: an event is never
    // in a stream without its entry (docs/adr/0106). An entry whose user rows fail names nothing.
    List<CassandraDataKeys.FreshKey> keys = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    List<CassandraEventStore.Rows> userRows = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    Map<String, List<Pending>> logRows = new LinkedHashMap<>();
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] != null) {
        continue;
      }
      Candidate candidate = chunk.get(i);
      CassandraDataKeys.FreshKey key = dataKeys.freshKeyRow(userIds[i]);
      CassandraEventStore.Rows rows = events.newStreamRows(userIds[i], candidate.correlationId(),
          List.of(users.importedEvent(candidate.row(), userIds[i], key.key())),
          List.of(credentials.openRow(ImportUsers.credentialOf(candidate.row(), userIds[i], candidate.emailKey()))));
      userRows.set(i, rows);
      keys.set(i, key);
      events.recordEpoch(rows.events().get(0).occurredAt());
      for (CassandraEventStore.LogRow row : rows.log()) {
        logRows.computeIfAbsent(row.partition(), b -> new ArrayList<>()).add(new Pending(i, row.insert()));
      }
    }
    List<CompletableFuture<ResultSet>> logWrites = new ArrayList<>();
    List<List<Pending>> logBatches = new ArrayList<>();
    for (List<Pending> partition : logRows.values()) {
      for (int from = 0; from < partition.size(); from += logBatchRows) {
        List<Pending> part = partition.subList(from, Math.min(partition.size(), from + logBatchRows));
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

    List<CompletableFuture<ResultSet>> userWrites = new ArrayList<>(Collections.nCopies(chunk.size(), null));
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] != null) {
        continue;
      }
      BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
      batch.add(keys.get(i).insert());
      batch.addAll(userRows.get(i).stream());
      userWrites.set(i, send(batch));
    }
    for (int i = 0; i < chunk.size(); i++) {
      if (outcomes[i] == null) {
        result(userWrites.get(i), outcomes, i);
      }
    }

    // Then verification's record of the phones the previous system verified (one phone, one account,
    // for migrated customers too): before the confirm, so a row whose record failed is written again.
    List<List<CompletableFuture<ResultSet>>> phoneWrites = new ArrayList<>(Collections.nCopies(chunk.size(), List.of()));
    for (int i = 0; i < chunk.size(); i++) {
      String phone = ImportUsers.verifiedPhone(chunk.get(i).row());
      if (outcomes[i] == null && phone != null) {
        phoneWrites.set(i, phoneRecords.importedRows(userIds[i], phoneKeys.phoneHash(phone),
            users.createdAt(chunk.get(i).row()), lightweightTransactions).stream().map(this::send).toList());
      }
    }
    for (int i = 0; i < chunk.size(); i++) {
      for (CompletableFuture<ResultSet> write : phoneWrites.get(i)) {
        result(write, outcomes, i);
      }
    }

    // Last the reservations, confirmed: from here on a row counts as imported.
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

  /** A registration that died half way left the key pending: take it over, as a registration would. */
  private boolean takeOver(String emailKey, UUID userId, Row held, Outcome[] outcomes, int index) {
    try {
      return reservations.takeOverIfAbandoned(emailKey, userId, held);
    } catch (RuntimeException e) {
      outcomes[index] = Outcome.FAILED;
      return false;
    }
  }

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
    execute(statement, done, 1);
    return done;
  }

  /**
   * Every write here may run twice: inserts of the same values, and a reservation that was applied
   * before it timed out reads back as this user's own pending one, which is then written whole.
   */
  private void execute(Statement statement, CompletableFuture<ResultSet> done, int attempt) {
    ResultSetFuture future = session.executeAsync(statement);
    Futures.addCallback(future, new FutureCallback<>() {
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
    }, MoreExecutors.directExecutor());
  }

  /** A timeout or an overloaded node: the store is busy (a flush, a compaction, a pause), not refusing. */
  private static boolean retryable(Throwable failure) {
    return failure instanceof OperationTimedOutException || failure instanceof QueryConsistencyException
        || failure instanceof OverloadedException || failure instanceof NoHostAvailableException;
  }
}
