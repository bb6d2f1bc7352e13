package com.retail.identity.replayer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraErasedEmails;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.ImportRules;
import com.retail.identity.replayer.core.ImportSource;
import com.retail.identity.replayer.core.ImportUsers.Outcome;
import com.retail.identity.replayer.core.ImportUsers;
import com.retail.identity.replayer.store.CassandraBulkImport.Candidate;
import com.retail.identity.replayer.store.CassandraBulkImport;
import com.retail.identity.verification.VerificationConfiguration;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.store.CassandraPhoneRecords;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The initial load of existing customers. Bad rows go to a reject file with their line number and
 * reason and the load goes on; good rows are written in chunks by a bounded pool of writers.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports existing users from JSON Lines (.jsonl) or CSV (.csv); running a file twice adds nothing.")
public final class ImportCommand implements java.util.concurrent.Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Requests to Cassandra in flight at once: enough to keep a busy node fed, few enough that none
   * waits in its queue longer than the request timeout.
   */
  private static final int MAX_REQUESTS = 256;
  /** Log rows per batch: one partition, one mutation. */
  private static final int LOG_BATCH_ROWS = 100;

  @Parameters(index = "0", description = "the users file")
  Path file;

  @Option(names = "--config", defaultValue = "user-command/config/local.yml",
      description = "user-command's configuration (stores, keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(names = "--verification-config", defaultValue = "verification/config/local.yml",
      description = "verification's configuration (its phone secret): verified phones are written to its phone record;"
          + " default ${DEFAULT-VALUE}")
  Path verificationConfig;

  @Option(names = "--initial-load", defaultValue = "false",
      description = "only while nothing else registers (sign-ups closed): reservations without lightweight"
          + " transactions; running the file again still adds nothing")
  boolean initialLoad;

  @Option(names = "--chunk", defaultValue = "500", description = "rows written together; default ${DEFAULT-VALUE}")
  int chunk;

  @Option(names = "--parallelism", defaultValue = "4", description = "chunks written at once; default ${DEFAULT-VALUE}")
  int parallelism;

  @Option(names = "--rejects", description = "where rejected lines go; default <file>.rejects.jsonl")
  Path rejects;

  /** The counts of one load. */
  public record Summary(long read, long imported, long rejected, long duplicates, long erased, long seconds) {
    public long usersPerMinute() {
      return seconds == 0 ? imported * 60 : imported * 60 / Math.max(1, seconds);
    }
  }

  private Summary summary;

  public Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws Exception {
    UserCommandConfiguration settings = ReplayerConfiguration.command(config);
    VerificationConfiguration verification = ReplayerConfiguration.verification(verificationConfig);
    if (!verification.getCassandra().getKeyspace().equals(settings.getCassandra().getKeyspace())) {
      throw new IllegalArgumentException("verification's keyspace " + verification.getCassandra().getKeyspace()
          + " is not user-command's " + settings.getCassandra().getKeyspace() + ": the import writes both in one session");
    }
    Path rejectFile = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.jsonl");
    try (CassandraConnector cassandra = new CassandraConnector(settings.getCassandra())) {
      EmailKeys emailKeys = new EmailKeys(settings.emailLookupSecret());
      CassandraDataKeys dataKeys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
      CassandraEmailReservations reservations = CassandraEmailReservations.forImport(cassandra, Clock.systemUTC());
      CassandraEventStore events = new CassandraEventStore(cassandra,
          new LogBuckets(settings.eventLogBucket(), settings.eventLogShards()));
      CassandraCredentials credentials = new CassandraCredentials(cassandra, events);
      ImportUsers importer = new ImportUsers(new PersonalDataCipher(dataKeys), Clock.systemUTC());
      CassandraBulkImport writer = new CassandraBulkImport(cassandra, importer, reservations,
          new CassandraErasedEmails(cassandra), dataKeys, events, credentials, new CassandraPhoneRecords(cassandra),
          new PhoneKeys(verification.phoneSecret()), !initialLoad, MAX_REQUESTS, LOG_BATCH_ROWS);
      summary = load(writer::write, emailKeys, rejectFile);
    }
    System.out.printf("read %d, imported %d, rejected %d (see %s), duplicates %d, erased by their owners %d, %d users/min%n",
        summary.read(), summary.imported(), summary.rejected(), rejectFile, summary.duplicates(), summary.erased(),
        summary.usersPerMinute());
    return 0;
  }

  /**
   * Reads, checks and de-duplicates on this thread; writes chunks of good rows on a bounded pool
   * (back-pressure: the reader writes a chunk itself when the pool and its short queue are busy).
   */
  Summary load(Function<List<Candidate>, List<Outcome>> writer, EmailKeys emailKeys, Path rejectFile)
      throws Exception {
    ImportRules rules = new ImportRules();
    Counts counts = new Counts(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
    Set<String> seen = new HashSet<>();
    int chunkRows = Math.max(1, chunk);
    long started = System.nanoTime();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(parallelism), new ThreadPoolExecutor.CallerRunsPolicy());
    try (ImportSource source = new ImportSource(file);
         BufferedWriter rejectsOut = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8);
         ProgressBar progress = ConsoleProgress.bar("import", ImportSource.countRows(file), "users")) {
      List<Candidate> rows = new ArrayList<>(chunkRows);
      List<Long> lines = new ArrayList<>(chunkRows);
      while (source.hasNext()) {
        ImportSource.Line line = source.next();
        counts.read().increment();
        String reason = line.unreadable() != null ? line.unreadable() : rules.rejectionOf(line.row());
        String emailKey = reason == null ? emailKeys.keyOf(line.row().email()) : null;
        if (reason == null && !seen.add(emailKey)) {
          reason = "email appears earlier in this file";
        }
        if (reason != null) {
          reject(rejectsOut, line.number(), reason, counts.rejected());
          progress.step();
          continue;
        }
        rows.add(new Candidate(line.row(), emailKey, "import:" + file.getFileName() + ":" + line.number()));
        lines.add(line.number());
        if (rows.size() == chunkRows) {
          pool.execute(chunkTask(writer, rows, lines, counts, rejectsOut, progress));
          rows = new ArrayList<>(chunkRows);
          lines = new ArrayList<>(chunkRows);
        }
      }
      if (!rows.isEmpty()) {
        pool.execute(chunkTask(writer, rows, lines, counts, rejectsOut, progress));
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    return new Summary(counts.read().sum(), counts.imported().sum(), counts.rejected().sum(), counts.duplicates().sum(),
        counts.erased().sum(), seconds);
  }

  private record Counts(LongAdder read, LongAdder imported, LongAdder rejected, LongAdder duplicates, LongAdder erased) {}

  private static Runnable chunkTask(Function<List<Candidate>, List<Outcome>> writer, List<Candidate> rows, List<Long> lines,
      Counts counts, BufferedWriter rejectsOut, ProgressBar progress) {
    return () -> {
      List<Outcome> outcomes;
      try {
        outcomes = writer.apply(rows);
      } catch (RuntimeException e) {
        outcomes = Collections.nCopies(rows.size(), Outcome.FAILED); // the load goes on; the next run completes these
      }
      for (int i = 0; i < outcomes.size(); i++) {
        switch (outcomes.get(i)) {
          case IMPORTED -> counts.imported().increment();
          case DUPLICATE -> counts.duplicates().increment();
          case ERASED -> counts.erased().increment();
          case TAKEN -> reject(rejectsOut, lines.get(i), "email already belongs to another account", counts.rejected());
          case FAILED -> reject(rejectsOut, lines.get(i), "not written (store error); run the import again to complete it",
              counts.rejected());
        }
      }
      progress.stepBy(outcomes.size());
    };
  }

  private static void reject(BufferedWriter out, long line, String reason, LongAdder rejected) {
    rejected.increment();
    try {
      String json = JSON.writeValueAsString(Map.of("line", line, "reason", reason));
      synchronized (out) {
        out.write(json);
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
