package com.retail.identity.replayer.cli;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.readmodel.core.EventLog;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.readmodel.store.CassandraEventLog;
import com.retail.identity.readmodel.store.CassandraProjectionState;
import com.retail.identity.readmodel.store.CouchbaseProfileWriter;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import com.retail.identity.replayer.ReadSideSettings;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.RebuildSearchIndex;
import com.retail.identity.replayer.core.RenamedTarget;
import com.retail.identity.replayer.core.Replay;
import com.retail.identity.replayer.store.JestSearchIndexes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rebuilds read models from the event log with the same projector user-query runs live: the search
 * index into a new index and then an alias swap ({@link RebuildSearchIndex}), the profile cache in
 * place. A rebuild that stops resumes from its own checkpoint when run again with the same {@code
 * --index}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds the search index (new index, then alias swap) and/or the profile cache from the event log.")
public final class ReplayCommand implements Callable<Integer> {
  /**
   * Bulk pages of a rebuild may wait this long on a busy search node (requests keep the configured
   * timeout).
   */
  private static final int REBUILD_READ_TIMEOUT_MILLIS = 30_000;

  @Option(
      names = "--config",
      defaultValue = "user-query/config/local.yml",
      description = "user-query's configuration (stores, keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(
      names = "--search",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "rebuild the search index (default on; --no-search to skip)")
  boolean search;

  @Option(
      names = "--cache",
      defaultValue = "false",
      description = "rebuild the Couchbase profile cache too")
  boolean cache;

  @Option(
      names = "--from",
      description = "replay events from this instant (ISO-8601); default the start of the log")
  Instant from;

  @Option(
      names = "--index",
      description = "the index to rebuild into; give the same name to resume a stopped rebuild")
  String index;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "events per page; default ${DEFAULT-VALUE}")
  int batch;

  @Option(
      names = "--threads",
      defaultValue = "32",
      description =
          "streams folded at once (each fold waits on two Cassandra reads); default ${DEFAULT-VALUE}")
  int threads;

  @Option(
      names = "--stop-after",
      hidden = true,
      defaultValue = "0",
      description =
          "stop (checkpoint saved, no swap) after this many events: a rebuild in slices, or a crash drill")
  long stopAfter;

  private RebuildSearchIndex.Summary summary;

  public RebuildSearchIndex.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws Exception {
    ReadSideSettings settings = ReplayerConfiguration.query(config);
    LogBuckets buckets = new LogBuckets(settings.eventLogBucket(), settings.eventLogShards());
    Clock clock = Clock.systemUTC();
    ExecutorService folds = Executors.newFixedThreadPool(Math.max(1, threads));
    try (CassandraConnector cassandra = new CassandraConnector(settings.getCassandra())) {
      EventLog log = new CassandraEventLog(cassandra, buckets);
      Instant start =
          from != null ? from : log.start().map(e -> e.minus(Duration.ofMinutes(1))).orElse(null);
      if (start == null) {
        System.out.println("the event log is empty: nothing to replay");
        return 0;
      }
      CassandraDataKeys keys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
      PersonalDataCipher cipher = new PersonalDataCipher(keys);
      Replay replay =
          new Replay(
              log,
              new CassandraEventStore(cassandra, buckets)::readStream,
              new ProfileFolder(cipher),
              new CassandraProjectionState(cassandra, buckets),
              folds,
              clock,
              start,
              batch,
              stopAfter,
              "replayer:" + ManagementFactory.getRuntimeMXBean().getName(),
              ConsoleProgress.REPORTS);
      if (search && !rebuildSearch(replay, settings, clock)) {
        return 0;
      }
      if (cache) {
        CouchbaseConnector couchbase = new CouchbaseConnector(settings.getCouchbase());
        try {
          CouchbaseProfileWriter profiles =
              new CouchbaseProfileWriter(
                  couchbase, () -> CouchbaseProfileWriter.DEFAULT_TTL_SECONDS, folds, cipher);
          long projected =
              replay.run(
                  new RenamedTarget(
                      profiles, "replay:cache:" + RebuildSearchIndex.STAMP.format(clock.instant())),
                  "cache");
          System.out.printf("cache: %d events replayed%n", projected);
        } finally {
          couchbase.stop();
        }
      }
    } finally {
      folds.shutdownNow();
    }
    return 0;
  }

  /** Returns false when the rebuild stopped early (--stop-after): nothing more is done then. */
  private boolean rebuildSearch(Replay replay, ReadSideSettings settings, Clock clock)
      throws IOException {
    settings.getSearch().atLeastReadTimeoutMillis(REBUILD_READ_TIMEOUT_MILLIS);
    SearchConnector connector = new SearchConnector(settings.getSearch());
    try {
      RebuildSearchIndex rebuild =
          new RebuildSearchIndex(
              replay, new JestSearchIndexes(connector, settings.getProfileIndex()), clock);
      String target = index != null ? index : rebuild.newIndexName();
      System.out.println("rebuilding into " + target + " (resume with --index " + target + ")");
      summary = rebuild.rebuild(target);
      if (summary.stopped()) {
        System.out.println(
            "stopped after " + summary.events() + " events; resume with --index " + target);
        return false;
      }
      System.out.printf(
          "search: %d events into %s in %d s; alias %s now points at it (previous: %s)%n",
          summary.events(),
          summary.index(),
          summary.seconds(),
          SearchProfileWriter.aliasOf(connector.indexPrefix()),
          summary.previousIndices());
      return true;
    } finally {
      connector.stop();
    }
  }
}
