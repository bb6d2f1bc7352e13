package com.retail.identity.replayer.cli;

import com.retail.identity.replayer.ImportSetup;
import com.retail.identity.replayer.core.ImportFile;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The import command's load (reading, checks, de-duplication, chunked writes) over stores wired
 * once, as {@link ImportCommand#call()} wires them, for tests that import many small files: a run
 * of the command itself spends seconds connecting to Cassandra.
 */
public final class ImportRunner implements AutoCloseable {
  private final ImportSetup setup;

  /** With user-command's and verification's configuration files, which name one keyspace. */
  public ImportRunner(Path config, Path verificationConfig) {
    setup = ImportSetup.open(config, verificationConfig, false);
  }

  /** Imports a file as {@code import <file> --rejects <rejects>} would. */
  public ImportFile.Summary importFile(Path file, Path rejects) throws Exception {
    ImportCommand command = new ImportCommand();
    new CommandLine(command).parseArgs(file.toString(), "--rejects", rejects.toString());
    return command.load(setup);
  }

  @Override
  public void close() {
    setup.close();
  }
}
