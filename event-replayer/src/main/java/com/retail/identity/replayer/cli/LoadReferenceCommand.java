package com.retail.identity.replayer.cli;

import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.readmodel.core.ReferenceDataLoader;
import com.retail.identity.readmodel.store.RedisReferenceStore;
import com.retail.identity.replayer.ReadSideSettings;
import com.retail.identity.replayer.ReplayerConfiguration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Loads the shipped reference data (countries, disposable domains, launches) into Redis. */
@Command(
    name = "load-reference",
    mixinStandardHelpOptions = true,
    description =
        "Loads countries, disposable-email domains and launch definitions into Redis (each set replaced atomically).")
public final class LoadReferenceCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      defaultValue = "user-query/config/local.yml",
      description = "user-query's configuration (Redis); default ${DEFAULT-VALUE}")
  Path config;

  @Override
  public Integer call() {
    ReadSideSettings settings = ReplayerConfiguration.query(config);
    RedisConnector redis = new RedisConnector(settings.getRedis());
    try {
      ReferenceDataLoader.Counts counts =
          new ReferenceDataLoader(new RedisReferenceStore(redis)).load();
      System.out.printf(
          "loaded %d countries, %d disposable email domains, %d launches%n",
          counts.countries(), counts.disposableEmailDomains(), counts.launches());
    } finally {
      redis.stop();
    }
    return 0;
  }
}
