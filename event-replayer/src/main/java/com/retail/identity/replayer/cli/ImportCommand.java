package com.retail.identity.replayer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.ImportRules;
import com.retail.identity.replayer.core.ImportSource;
import com.retail.identity.replayer.core.ImportUsers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The initial load of existing customers. Bad rows go to a reject file with their line number and
 * reason and the load goes on; good rows are written by a bounded pool of writers (back-pressure:
 * the reader waits when they are busy).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports existing users from JSON Lines (.jsonl) or CSV (.csv); running a file twice adds nothing.")
public final class ImportCommand implements java.util.concurrent.Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", description = "the users file")
  Path file;

  @Option(names = "--config", defaultValue = "user-command/config/local.yml",
      description = "user-command's configuration (stores, keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(names = "--parallelism", defaultValue = "64", description = "rows written at once; default ${DEFAULT-VALUE}")
  int parallelism;

  @Option(names = "--rejects", description = "where rejected lines go; default <file>.rejects.jsonl")
  Path rejects;

  /** The counts of one load. */
  public record Summary(long read, long imported, long rejected, long duplicates, long seconds) {
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
    Path rejectFile = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.jsonl");
    try (CassandraConnector cassandra = new CassandraConnector(settings.getCassandra())) {
      CassandraDataKeys dataKeys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
      ImportUsers importer = new ImportUsers(new EmailKeys(settings.emailLookupSecret()),
          new CassandraEmailReservations(cassandra, Clock.systemUTC()),
          new CassandraEventStore(cassandra, new LogBuckets(settings.eventLogBucket())),
          new CassandraCredentials(cassandra), dataKeys, new PersonalDataCipher(dataKeys), Clock.systemUTC());
      summary = load(importer, new EmailKeys(settings.emailLookupSecret()), rejectFile);
    }
    System.out.printf("read %d, imported %d, rejected %d (see %s), duplicates %d, %d users/min%n",
        summary.read(), summary.imported(), summary.rejected(), rejectFile, summary.duplicates(), summary.usersPerMinute());
    return 0;
  }

  Summary load(ImportUsers importer, EmailKeys emailKeys, Path rejectFile) throws Exception {
    ImportRules rules = new ImportRules();
    LongAdder read = new LongAdder();
    LongAdder imported = new LongAdder();
    LongAdder rejected = new LongAdder();
    LongAdder duplicates = new LongAdder();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    long started = System.nanoTime();
    ThreadPoolExecutor writers = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(parallelism * 4), new ThreadPoolExecutor.CallerRunsPolicy());
    try (ImportSource source = new ImportSource(file);
         BufferedWriter rejectsOut = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8);
         ProgressBar progress = Progress.bar("import", ImportSource.countRows(file), "users")) {
      while (source.hasNext()) {
        ImportSource.Line line = source.next();
        read.increment();
        String reason = line.unreadable() != null ? line.unreadable() : rules.rejectionOf(line.row());
        if (reason == null && !seen.add(emailKeys.keyOf(line.row().email()))) {
          reason = "email appears earlier in this file";
        }
        if (reason != null) {
          reject(rejectsOut, line.number(), reason, rejected);
          progress.step();
          continue;
        }
        writers.execute(() -> {
          try {
            switch (importer.importRow(line.row(), "import:" + file.getFileName() + ":" + line.number())) {
              case IMPORTED -> imported.increment();
              case DUPLICATE -> duplicates.increment();
              case TAKEN -> reject(rejectsOut, line.number(), "email already belongs to another account", rejected);
            }
          } catch (RuntimeException e) {
            reject(rejectsOut, line.number(), "not written (" + e.getClass().getSimpleName()
                + "); run the import again to complete it", rejected);
          }
          progress.step();
        });
      }
      writers.shutdown();
      writers.awaitTermination(1, TimeUnit.HOURS);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    return new Summary(read.sum(), imported.sum(), rejected.sum(), duplicates.sum(), seconds);
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
