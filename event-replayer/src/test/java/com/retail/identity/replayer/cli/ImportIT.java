package com.retail.identity.replayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.UserGenerator;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(DropwizardExtensionsSupport.class)
class ImportIT {
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND = UserCommandApp.extension();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private ImportCommand.Summary run(String... args) {
    ImportCommand command = new ImportCommand();
    int exit = new CommandLine(command).execute(args);
    assertThat(exit).isZero();
    return command.summary();
  }

  /** A generated users file, every 100th line malformed. */
  private Path generate(int count, String domain) {
    Path users = dir.resolve("users.jsonl");
    assertThat(new CommandLine(new GenerateCommand()).execute(users.toString(), "--users", String.valueOf(count),
        "--domain", domain, "--malformed-every", "100")).isZero();
    return users;
  }

  @Test
  void tenThousandUsersWithOnePercentMalformedRowsLoadAndLogInWithTheirLegacyPasswords() throws Exception {
    // Given a file of 10,000 users, every 100th line malformed
    String domain = "import-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    Path users = generate(10_000, domain);
    String config = TestStack.localConfigOf("user-command");

    // When it is imported
    Path rejects = dir.resolve("rejects.jsonl");
    ImportCommand.Summary first = run(users.toString(), "--config", config, "--rejects", rejects.toString());

    // Then exactly the malformed lines are rejected, with their line numbers
    assertThat(first.read()).isEqualTo(10_000);
    assertThat(first.imported()).isEqualTo(9_900);
    assertThat(first.rejected()).isEqualTo(100);
    List<Long> rejectedLines = Files.readAllLines(rejects).stream()
        .map(line -> read(line).get("line").asLong()).sorted().toList();
    assertThat(rejectedLines).isEqualTo(LongStream.rangeClosed(1, 100).map(i -> i * 100).boxed().toList());

    // And good users of every hash format log in with their old password, rehashed to Argon2id
    Http http = new Http(COMMAND.getLocalPort());
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      for (long index : new long[] {0, 1, 2, 3, 4, 5, 1234, 9998}) {
        JsonNode session = http.logIn(UserGenerator.emailOf(index, domain), UserGenerator.passwordOf(index));
        String hash = cassandra.session().execute("SELECT password_hash FROM " + cassandra.keyspace()
            + ".user_events WHERE user_id = ? LIMIT 1", UUID.fromString(session.get("userId").asText())).one().getString(0);
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      }
    }

    // And importing the same file again adds nothing
    ImportCommand.Summary second = run(users.toString(), "--config", config, "--rejects", dir.resolve("again.jsonl").toString());
    assertThat(second.imported()).isZero();
    assertThat(second.duplicates()).isEqualTo(9_900);
    assertThat(second.rejected()).isEqualTo(100);
  }

  @Test
  void anInitialLoadWritesWithoutLocksYetAddsNothingTwiceAndCompletesAStoppedLoad() throws Exception {
    // Given a file of 2,000 users, every 100th line malformed, and one customer who registered already
    String domain = "initial-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    Path users = generate(2_000, domain);
    Http http = new Http(COMMAND.getLocalPort());
    http.register(UserGenerator.emailOf(6, domain));
    String config = TestStack.localConfigOf("user-command");

    // When it is imported as an initial load, in chunks smaller than the file
    Path rejects = dir.resolve("rejects.jsonl");
    ImportCommand.Summary first = run(users.toString(), "--config", config, "--initial-load", "--chunk", "64",
        "--rejects", rejects.toString());

    // Then the malformed lines and the registered customer's line are rejected, with their line numbers
    assertThat(first.imported()).isEqualTo(1_979);
    assertThat(first.rejected()).isEqualTo(21);
    List<Long> rejectedLines = Files.readAllLines(rejects).stream()
        .map(line -> read(line).get("line").asLong()).sorted().toList();
    assertThat(rejectedLines).startsWith(7L, 100L, 200L).hasSize(21);

    // And users of every hash format log in with their old password
    for (long index : new long[] {0, 1, 2, 1998}) {
      assertThat(http.logIn(UserGenerator.emailOf(index, domain), UserGenerator.passwordOf(index)).get("userId").asText())
          .isNotBlank();
    }

    // When a load stops before it confirms some rows (their reservations are missing) and runs again
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      EmailKeys keys = new EmailKeys(ReplayerConfiguration.command(Path.of(config)).emailLookupSecret());
      List<Long> stopped = List.of(10L, 11L, 1234L);
      for (long index : stopped) {
        cassandra.session().execute("DELETE FROM " + cassandra.keyspace() + ".email_reservations WHERE email_key = ?",
            keys.keyOf(UserGenerator.emailOf(index, domain)));
      }
      ImportCommand.Summary again = run(users.toString(), "--config", config, "--initial-load",
          "--rejects", dir.resolve("again.jsonl").toString());

      // Then only those rows are written, again whole: their sealed data opens with their (new) key
      assertThat(again.imported()).isEqualTo(3);
      assertThat(again.duplicates()).isEqualTo(1_976);
      CassandraDataKeys dataKeys = new CassandraDataKeys(cassandra, ReplayerConfiguration.command(Path.of(config))
          .getMasterKey().build());
      CassandraEventStore events = new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(1)));
      for (long index : stopped) {
        String email = UserGenerator.emailOf(index, domain);
        String userId = http.logIn(email, UserGenerator.passwordOf(index)).get("userId").asText();
        List<StoredEvent> stream = events.readStream(UUID.fromString(userId));
        assertThat(stream).hasSize(1);
        String pii = JSON.readTree(stream.get(0).payload()).get("pii").asText();
        assertThat(new PersonalDataCipher(dataKeys).open(UUID.fromString(userId), pii, PersonalData.class))
            .map(PersonalData::email).contains(email);
      }
    }

    // And the default mode finds nothing left to do either
    ImportCommand.Summary checked = run(users.toString(), "--config", config, "--rejects", dir.resolve("third.jsonl").toString());
    assertThat(checked.imported()).isZero();
    assertThat(checked.duplicates()).isEqualTo(1_979);
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
