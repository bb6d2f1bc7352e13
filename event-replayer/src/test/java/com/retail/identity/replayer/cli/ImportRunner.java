package com.retail.identity.replayer.cli;

import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraErasedEmails;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.ImportUsers;
import com.retail.identity.replayer.store.CassandraBulkImport;
import com.retail.identity.verification.VerificationConfiguration;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.store.CassandraPhoneRecords;
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

  /** With user-command's and verification's configuration files, which name one keyspace. */
  public ImportRunner(Path config, Path verificationConfig) {
    UserCommandConfiguration settings = ReplayerConfiguration.command(config);
    VerificationConfiguration verification = ReplayerConfiguration.verification(verificationConfig);
    cassandra = new CassandraConnector(settings.getCassandra());
    emailKeys = new EmailKeys(settings.emailLookupSecret());
    CassandraDataKeys dataKeys = new CassandraDataKeys(cassandra, settings.getMasterKey().build());
    CassandraEventStore events = new CassandraEventStore(cassandra,
        new LogBuckets(settings.eventLogBucket(), settings.eventLogShards()));
    writer = new CassandraBulkImport(cassandra, new ImportUsers(new PersonalDataCipher(dataKeys), Clock.systemUTC()),
        CassandraEmailReservations.forImport(cassandra, Clock.systemUTC()), new CassandraErasedEmails(cassandra), dataKeys,
        events, new CassandraCredentials(cassandra, events), new CassandraPhoneRecords(cassandra),
        new PhoneKeys(verification.phoneSecret()), true, 256, 100);
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
