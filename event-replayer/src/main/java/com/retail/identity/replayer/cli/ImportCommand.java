package com.retail.identity.replayer.cli;

import com.retail.identity.replayer.ImportSetup;
import com.retail.identity.replayer.core.ImportFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The initial load of existing customers: user-command's import over a file. Bad rows go to a
 * reject file with their line number and reason and the load goes on.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Imports existing users from JSON Lines (.jsonl) or CSV (.csv); running a file twice adds nothing.")
public final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the users file")
  Path file;

  @Option(
      names = "--config",
      defaultValue = "user-command/config/local.yml",
      description = "user-command's configuration (stores, keys); default ${DEFAULT-VALUE}")
  Path config;

  @Option(
      names = "--verification-config",
      defaultValue = "verification/config/local.yml",
      description =
          "verification's configuration (its phone secret): verified phones are written to its phone record;"
              + " default ${DEFAULT-VALUE}")
  Path verificationConfig;

  @Option(
      names = "--initial-load",
      defaultValue = "false",
      description =
          "only while nothing else registers (sign-ups closed): reservations without lightweight"
              + " transactions; running the file again still adds nothing")
  boolean initialLoad;

  @Option(
      names = "--chunk",
      defaultValue = "500",
      description = "rows written together; default ${DEFAULT-VALUE}")
  int chunk;

  @Option(
      names = "--parallelism",
      defaultValue = "4",
      description = "chunks written at once; default ${DEFAULT-VALUE}")
  int parallelism;

  @Option(
      names = "--rejects",
      description = "where rejected lines go; default <file>.rejects.jsonl")
  Path rejects;

  private ImportFile.Summary summary;

  public ImportFile.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws Exception {
    Path rejectFile = rejectFile();
    try (ImportSetup setup = ImportSetup.open(config, verificationConfig, initialLoad)) {
      summary = load(setup);
    }
    System.out.printf(
        "read %d, imported %d, rejected %d (see %s), duplicates %d, erased by their owners %d, %d users/min%n",
        summary.read(),
        summary.imported(),
        summary.rejected(),
        rejectFile,
        summary.duplicates(),
        summary.erased(),
        summary.usersPerMinute());
    return 0;
  }

  /**
   * The load of this command's file over stores wired already (tests wire them once for many
   * files).
   */
  public ImportFile.Summary load(ImportSetup setup) throws Exception {
    return new ImportFile(setup.importUsers(), chunk, parallelism, ConsoleProgress.REPORTS)
        .load(file, rejectFile());
  }

  private Path rejectFile() {
    return rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.jsonl");
  }
}
