package com.retail.identity.replayer.cli;

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
import com.retail.identity.replayer.core.ImportUsers;
import com.retail.identity.replayer.store.CassandraBulkImport;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/**
 * The import command's load (reading, checks, de-duplication, chunked writes) over stores wired once,
 * as {@link ImportCommand#call()} wires them, for tests that import many small files: a run of the
 * command itself spends seconds connecting to Cassandra.
 */
public final class ImportRunner implements AutoCloseable {
  private final CassandraConnector cassandra;
  private final EmailKeys emailKeys;
  private final CassandraBulkImport writer;

  public ImportRunner(Path config) {
    UserCommandConfiguration settings = ReplayerConfiguration.command(config);
    cassandra = new CassandraConnector(settings.getCassandra());
    emailKeys = new EmailKeys(settings.emailLookupSecret());
    CassandraDataKeys dataKeys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
    writer = new CassandraBulkImport(cassandra, new ImportUsers(new PersonalDataCipher(dataKeys), Clock.systemUTC()),
        CassandraEmailReservations.forImport(cassandra, Clock.systemUTC()), dataKeys,
        new CassandraEventStore(cassandra, new LogBuckets(settings.eventLogBucket())), new CassandraCredentials(cassandra),
        true, 256, 100);
  }

  /** Imports a file as {@code import <file> --rejects <rejects>} would. */
  public ImportCommand.Summary importFile(Path file, Path rejects) throws Exception {
    ImportCommand command = new ImportCommand();
    new CommandLine(command).parseArgs(file.toString(), "--rejects", rejects.toString());
    return command.load(writer::write, emailKeys, rejects);
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
