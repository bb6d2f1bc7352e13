package com.retail.identity.replayer;

import com.retail.identity.replayer.cli.GenerateCommand;
import com.retail.identity.replayer.cli.ImportCommand;
import com.retail.identity.replayer.cli.LoadReferenceCommand;
import com.retail.identity.replayer.cli.PruneIndicesCommand;
import com.retail.identity.replayer.cli.ReplayCommand;
import com.retail.identity.replayer.cli.RewrapKeysCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The event replayer: a command-line app next to the services, never a server. */
@Command(
    name = "event-replayer",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds read models from the event log, imports existing users, loads reference data,"
            + " rewraps data keys after a master-key rotation.",
    subcommands = {
      ReplayCommand.class,
      ImportCommand.class,
      GenerateCommand.class,
      LoadReferenceCommand.class,
      RewrapKeysCommand.class,
      PruneIndicesCommand.class
    })
public final class ReplayerApplication implements Runnable {
  public static void main(String[] args) {
    System.setProperty("AWS_JAVA_V1_DISABLE_DEPRECATION_ANNOUNCEMENT", "true");
    System.exit(new CommandLine(new ReplayerApplication()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
