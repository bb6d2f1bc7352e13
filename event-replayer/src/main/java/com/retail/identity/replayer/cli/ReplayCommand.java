package com.retail.identity.replayer.cli;

import com.codahale.metrics.MetricRegistry;
import com.google.gson.JsonElement;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.core.ProfileFolder;
import com.retail.identity.query.core.ProjectionMetrics;
import com.retail.identity.query.core.ProjectionTarget;
import com.retail.identity.query.core.ProjectionTuning;
import com.retail.identity.query.core.Projector;
import com.retail.identity.query.store.CassandraEventLog;
import com.retail.identity.query.store.CassandraProjectionState;
import com.retail.identity.query.store.CouchbaseProfiles;
import com.retail.identity.query.store.SearchProfiles;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.RenamedTarget;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;
import io.searchbox.indices.Refresh;
import io.searchbox.indices.aliases.AddAliasMapping;
import io.searchbox.indices.aliases.AliasMapping;
import io.searchbox.indices.aliases.GetAliases;
import io.searchbox.indices.aliases.ModifyAliases;
import io.searchbox.indices.aliases.RemoveAliasMapping;
import io.searchbox.indices.settings.UpdateSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rebuilds read models from the event log with the same projector user-query runs live. The search
 * index is rebuilt into a new versioned index while the alias keeps serving the old one; when the
 * rebuild has caught up the alias moves atomically, and the rebuild catches up once more for events
 * written meanwhile (the live projector writes through the alias from then on; writes are
 * version-guarded, so the two never conflict). A rebuild that stops resumes from its own checkpoint
 * when run again with the same {@code --index}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Rebuilds the search index (new index, then alias swap) and/or the profile cache from the event log.")
public final class ReplayCommand implements Callable<Integer> {
  /** Bulk pages of a rebuild may wait this long on a busy search node (requests keep the configured timeout). */
  private static final int REBUILD_READ_TIMEOUT_MILLIS = 30_000;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  @Option(names = "--config", defaultValue = "user-query/config/local.yml",
      description = "user-query's configuration (stores, keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(names = "--search", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "rebuild the search index (default on; --no-search to skip)")
  boolean search;

  @Option(names = "--cache", defaultValue = "false", description = "rebuild the Couchbase profile cache too")
  boolean cache;

  @Option(names = "--from", description = "replay events from this instant (ISO-8601); default the start of the log")
  Instant from;

  @Option(names = "--index", description = "the index to rebuild into; give the same name to resume a stopped rebuild")
  String index;

  @Option(names = "--batch", defaultValue = "1000", description = "events per page; default ${DEFAULT-VALUE}")
  int batch;

  @Option(names = "--threads", defaultValue = "32",
      description = "streams folded at once (each fold waits on two Cassandra reads); default ${DEFAULT-VALUE}")
  int threads;

  @Option(names = "--stop-after", hidden = true, defaultValue = "0",
      description = "stop (checkpoint saved, no swap) after this many events: a rebuild in slices, or a crash drill")
  long stopAfter;

  /** What a rebuild did. */
  public record Summary(String index, List<String> previousIndices, long events, long seconds) {}

  private Summary summary;

  public Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws Exception {
    UserQueryConfiguration settings = ReplayerConfiguration.load(UserQueryConfiguration.class, config);
    LogBuckets buckets = new LogBuckets(settings.eventLogBucket(), settings.eventLogShards());
    ExecutorService folds = Executors.newFixedThreadPool(Math.max(1, threads));
    try (CassandraConnector cassandra = new CassandraConnector(settings.getCassandra())) {
      CassandraEventStore events = new CassandraEventStore(cassandra, buckets);
      Instant start = from != null ? from : events.epoch().map(e -> e.minus(Duration.ofMinutes(1))).orElse(null);
      if (start == null) {
        System.out.println("the event log is empty: nothing to replay");
        return 0;
      }
      CassandraDataKeys keys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
      Replay replay = new Replay(cassandra, events, buckets, new ProfileFolder(new PersonalDataCipher(keys)), folds, start);
      if (search) {
        settings.getSearch().atLeastReadTimeoutMillis(REBUILD_READ_TIMEOUT_MILLIS);
        SearchConnector searchConnector = new SearchConnector(settings.getSearch());
        try {
          summary = rebuildSearch(replay, searchConnector, settings);
        } finally {
          searchConnector.stop();
        }
        if (stopAfter > 0 && summary.previousIndices().isEmpty() && summary.events() >= stopAfter) {
          return 0;
        }
        System.out.printf("search: %d events into %s in %d s; alias %s now points at it (previous: %s)%n",
            summary.events(), summary.index(), summary.seconds(), SearchProfiles.aliasOf(settings.getSearch().getIndexPrefix()),
            summary.previousIndices());
      }
      if (cache) {
        CouchbaseConnector couchbase = new CouchbaseConnector(settings.getCouchbase());
        try {
          CouchbaseProfiles profiles = new CouchbaseProfiles(couchbase, () -> 0, folds);
          long projected = replay.run(new RenamedTarget(profiles, "replay:cache:" + STAMP.format(Instant.now())), "cache");
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

  private Summary rebuildSearch(Replay replay, SearchConnector connector, UserQueryConfiguration settings) throws IOException {
    JestClient client = connector.client();
    String alias = SearchProfiles.aliasOf(connector.indexPrefix());
    String target = index != null ? index : alias + "-r" + STAMP.format(Instant.now());
    SearchProfiles rebuild = new SearchProfiles(client, alias, target, "replay:" + target, settings.getProfileIndex());
    System.out.println("rebuilding into " + target + " (resume with --index " + target + ")");
    long started = System.nanoTime();
    // Nobody searches the new index before the swap: no refreshes while it fills (segments merge less).
    rebuild.prepare();
    setRefresh(client, target, "-1");
    long events = replay.run(rebuild, "search");
    if (stopAfter > 0 && events >= stopAfter) {
      System.out.println("stopped after " + events + " events; resume with --index " + target);
      return new Summary(target, List.of(), events, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
    setRefresh(client, target, settings.getProfileIndex().getRefreshInterval());
    JestResult refreshed = client.execute(new Refresh.Builder().addIndex(target).build());
    if (!refreshed.isSucceeded()) {
      throw new IllegalStateException("refresh of " + target + " failed: " + refreshed.getErrorMessage());
    }
    List<String> previous = swapAlias(client, alias, target);
    // Events written between the catch-up and the swap: one more pass.
    events += replay.run(rebuild, "search catch-up");
    return new Summary(target, previous, events, Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  private static void setRefresh(JestClient client, String index, String interval) throws IOException {
    JestResult result = client.execute(new UpdateSettings.Builder(
        "{\"index\":{\"refresh_interval\":\"" + interval + "\"}}").addIndex(index).build());
    if (!result.isSucceeded()) {
      throw new IllegalStateException("cannot set refresh_interval of " + index + ": " + result.getErrorMessage());
    }
  }

  /** Points the alias at {@code target} only, in one atomic request; returns the indices it left. */
  static List<String> swapAlias(JestClient client, String alias, String target) throws IOException {
    JestResult current = client.execute(new GetAliases.Builder().addIndex(alias).build());
    List<String> previous = new ArrayList<>();
    if (current.isSucceeded()) {
      for (Map.Entry<String, JsonElement> entry : current.getJsonObject().entrySet()) {
        if (!entry.getKey().equals(target)) {
          previous.add(entry.getKey());
        }
      }
    }
    List<AliasMapping> actions = new ArrayList<>();
    for (String old : previous) {
      actions.add(new RemoveAliasMapping.Builder(old, alias).build());
    }
    actions.add(new AddAliasMapping.Builder(target, alias).build());
    JestResult swapped = client.execute(new ModifyAliases.Builder(actions).build());
    if (!swapped.isSucceeded()) {
      throw new IllegalStateException("alias swap failed: " + swapped.getErrorMessage());
    }
    return previous;
  }

  /** Runs one projector over the log until it has caught up with now. */
  private final class Replay {
    private final CassandraConnector cassandra;
    private final CassandraEventStore events;
    private final LogBuckets buckets;
    private final ProfileFolder folder;
    private final ExecutorService folds;
    private final Instant start;

    Replay(CassandraConnector cassandra, CassandraEventStore events, LogBuckets buckets, ProfileFolder folder,
        ExecutorService folds, Instant start) {
      this.cassandra = cassandra;
      this.events = events;
      this.buckets = buckets;
      this.folder = folder;
      this.folds = folds;
      this.start = start;
    }

    long run(ProjectionTarget target, String task) {
      Clock clock = Clock.systemUTC();
      ProjectionMetrics metrics = new ProjectionMetrics(new MetricRegistry(), target.name());
      String owner = "replayer:" + ManagementFactory.getRuntimeMXBean().getName();
      Duration lookback = Duration.between(start, clock.instant()).plusMinutes(1);
      Projector projector = new Projector(target, new CassandraEventLog(cassandra, buckets), events::readStream, folder,
          new CassandraProjectionState(cassandra, buckets), ProjectionTuning.fixed(0, batch, 10, 5, 30), metrics, folds,
          clock, lookback, owner);
      long total = Math.max(1, lookback.toSeconds());
      try (ProgressBar progress = Progress.bar(task, total, "s of log")) {
        Projector.Step step;
        int standby = 0;
        do {
          step = projector.runOnce();
          if (projector.isLeader()) {
            progress.stepTo(Math.max(0, total - projector.behindMillis() / 1000));
          }
          if (step == Projector.Step.FAILED || step == Projector.Step.STANDBY) {
            if (step == Projector.Step.STANDBY && ++standby > 200) {
              throw new IllegalStateException("another replayer holds the lease of " + target.name());
            }
            sleep(step == Projector.Step.FAILED ? 1000 : 200);
          }
        } while (step != Projector.Step.IDLE && (stopAfter <= 0 || metrics.projectedCount() < stopAfter));
        progress.stepTo(total);
      } finally {
        projector.stop();
      }
      return metrics.projectedCount();
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
