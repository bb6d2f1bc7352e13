package com.retail.identity.replayer.cli;

import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.replayer.ReadSideSettings;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.PruneSearchIndices;
import com.retail.identity.replayer.store.JestSearchIndexes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Deletes the search indices rebuilds left for a rollback once the rollback window has passed: they
 * hold the documents of their time, erased customers' included (ADR 0102). Safe to run daily.
 */
@Command(
    name = "prune-indices",
    mixinStandardHelpOptions = true,
    description =
        "Deletes search indices left by rebuilds once the rollback window has passed (erased"
            + " customers' documents go with them).")
public final class PruneIndicesCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      defaultValue = "user-query/config/local.yml",
      description = "user-query's configuration (search); default ${DEFAULT-VALUE}")
  Path config;

  @Option(
      names = "--rollback-days",
      defaultValue = "7",
      description =
          "days after the serving index was built during which a rollback stays possible;"
              + " default ${DEFAULT-VALUE}")
  int rollbackDays;

  private PruneSearchIndices.Summary summary;

  public PruneSearchIndices.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws IOException {
    if (rollbackDays < 0) {
      System.err.println("--rollback-days must be 0 or more");
      return 2;
    }
    ReadSideSettings settings = ReplayerConfiguration.query(config);
    SearchConnector connector = new SearchConnector(settings.getSearch());
    try {
      summary =
          new PruneSearchIndices(
                  new JestSearchIndexes(connector, settings.getProfileIndex()), Clock.systemUTC())
              .prune(Duration.ofDays(rollbackDays));
    } finally {
      connector.stop();
    }
    System.out.printf(
        "deleted %s; kept for a rollback %s%n", summary.deleted(), summary.keptForRollback());
    return 0;
  }
}
