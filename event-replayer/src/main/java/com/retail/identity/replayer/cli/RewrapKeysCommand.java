package com.retail.identity.replayer.cli;

import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.DataKeyRewrap;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.WriteSideSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The last step of a master-key rotation (ADR 0002): every data key wrapped by a retired master key
 * is rewrapped to the active one, with the master keys of user-command's configuration (the active
 * key and every retired one still there). The services keep running; run it again after a stop.
 */
@Command(
    name = "rewrap-keys",
    mixinStandardHelpOptions = true,
    description =
        "Rewraps every data key to the active master key; then the retired keys can be removed.")
public final class RewrapKeysCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      defaultValue = "user-command/config/local.yml",
      description =
          "user-command's configuration (Cassandra, master keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(
      names = "--in-flight",
      defaultValue = "64",
      description = "rewrap writes in flight at once; default ${DEFAULT-VALUE}")
  int inFlight;

  private DataKeyRewrap.Summary summary;

  public DataKeyRewrap.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws Exception {
    WriteSideSettings settings = ReplayerConfiguration.command(config);
    CassandraConnector cassandra = new CassandraConnector(settings.getCassandra());
    try (ProgressBar bar = ConsoleProgress.bar("rewrap data keys", -1, "keys")) {
      summary =
          new DataKeyRewrap(cassandra, settings.getMasterKey().build(), inFlight).run(bar::stepTo);
    } finally {
      cassandra.stop();
    }
    System.out.printf(
        "read %d data keys: rewrapped %d to master key %s, %d had it already, %d changed meanwhile"
            + " (erased or rewrapped by another run)%n",
        summary.scanned(),
        summary.rewrapped(),
        settings.getMasterKey().getId(),
        summary.alreadyActive(),
        summary.changedMeanwhile());
    return 0;
  }
}
