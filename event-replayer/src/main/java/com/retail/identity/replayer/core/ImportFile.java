package com.retail.identity.replayer.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.core.ImportUsers;
import com.retail.identity.command.core.ImportUsers.Candidate;
import com.retail.identity.command.core.ImportUsers.Outcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Imports a file of existing customers through user-command's {@link ImportUsers}. Bad rows go to a
 * reject file with their line number and reason and the load goes on; good rows are written in
 * chunks by a bounded pool of writers.
 */
public final class ImportFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The counts of one load. */
  public record Summary(
      long read, long imported, long rejected, long duplicates, long erased, long seconds) {
    public long usersPerMinute() {
      return seconds == 0 ? imported * 60 : imported * 60 / Math.max(1, seconds);
    }
  }

  private final ImportUsers importUsers;
  private final int chunkRows;
  private final int parallelism;
  private final Progress.Reports progress;

  /**
   * @param chunkRows rows written together
   * @param parallelism chunks written at once
   */
  public ImportFile(
      ImportUsers importUsers, int chunkRows, int parallelism, Progress.Reports progress) {
    this.importUsers = importUsers;
    this.chunkRows = Math.max(1, chunkRows);
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
  }

  /**
   * Reads, checks and de-duplicates on this thread; writes chunks of good rows on a bounded pool
   * (back-pressure: the reader writes a chunk itself when the pool and its short queue are busy).
   */
  public Summary load(Path file, Path rejectFile) throws InterruptedException, IOException {
    ImportUsers.Load load = importUsers.load();
    Counts counts =
        new Counts(
            new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
    long started = System.nanoTime();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(parallelism),
            new ThreadPoolExecutor.CallerRunsPolicy());
    try (ImportSource source = new ImportSource(file);
        BufferedWriter rejectsOut = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8);
        Progress bar = progress.start("import", ImportSource.countRows(file), "users")) {
      List<Candidate> rows = new ArrayList<>(chunkRows);
      List<Long> lines = new ArrayList<>(chunkRows);
      String prefix = "import:" + file.getFileName() + ":";
      while (source.hasNext()) {
        ImportSource.Line line = source.next();
        counts.read().increment();
        ImportUsers.Checked checked =
            line.unreadable() != null
                ? new ImportUsers.Checked(null, line.unreadable())
                : load.check(line.row().customer(), prefix + line.number());
        if (checked.rejection() != null) {
          reject(rejectsOut, line.number(), checked.rejection(), counts.rejected());
          bar.stepBy(1);
          continue;
        }
        rows.add(checked.candidate());
        lines.add(line.number());
        if (rows.size() == chunkRows) {
          pool.execute(chunkTask(rows, lines, counts, rejectsOut, bar));
          rows = new ArrayList<>(chunkRows);
          lines = new ArrayList<>(chunkRows);
        }
      }
      if (!rows.isEmpty()) {
        pool.execute(chunkTask(rows, lines, counts, rejectsOut, bar));
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    return new Summary(
        counts.read().sum(),
        counts.imported().sum(),
        counts.rejected().sum(),
        counts.duplicates().sum(),
        counts.erased().sum(),
        seconds);
  }

  private record Counts(
      LongAdder read,
      LongAdder imported,
      LongAdder rejected,
      LongAdder duplicates,
      LongAdder erased) {}

  private Runnable chunkTask(
      List<Candidate> rows,
      List<Long> lines,
      Counts counts,
      BufferedWriter rejectsOut,
      Progress bar) {
    return () -> {
      List<Outcome> outcomes;
      try {
        outcomes = importUsers.write(rows);
      } catch (RuntimeException e) {
        outcomes =
            Collections.nCopies(
                rows.size(), Outcome.FAILED); // the load goes on; the next run completes these
      }
      for (int i = 0; i < outcomes.size(); i++) {
        switch (outcomes.get(i)) {
          case IMPORTED -> counts.imported().increment();
          case DUPLICATE -> counts.duplicates().increment();
          case ERASED -> counts.erased().increment();
          case TAKEN ->
              reject(
                  rejectsOut,
                  lines.get(i),
                  "email already belongs to another account",
                  counts.rejected());
          case FAILED ->
              reject(
                  rejectsOut,
                  lines.get(i),
                  "not written (store error); run the import again to complete it",
                  counts.rejected());
        }
      }
      bar.stepBy(outcomes.size());
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
