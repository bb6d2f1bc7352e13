package com.retail.identity.replayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.command.core.PasswordHashes;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.core.ImportFile;
import com.retail.identity.replayer.core.UserGenerator;
import com.retail.identity.verification.VerificationConfiguration;
import com.retail.identity.verification.core.CheckEligibility;
import com.retail.identity.verification.core.EligibilitySettings;
import com.retail.identity.verification.core.Launches;
import com.retail.identity.verification.core.PhoneKeys;
import com.retail.identity.verification.core.PhoneRecords;
import com.retail.identity.verification.store.CassandraPhoneRecords;
import com.retail.identity.verification.store.StreamAccountFacts;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(DropwizardExtensionsSupport.class)
class ImportIT {
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private ImportFile.Summary run(String... args) {
    ImportCommand command = new ImportCommand();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--verification-config", TestStack.localConfigOf("verification")));
    int exit = new CommandLine(command).execute(all.toArray(String[]::new));
    assertThat(exit).isZero();
    return command.summary();
  }

  /** A generated users file, every 100th line malformed. */
  private Path generate(int count, String domain) {
    Path users = dir.resolve("users.jsonl");
    assertThat(
            new CommandLine(new GenerateCommand())
                .execute(
                    users.toString(),
                    "--users",
                    String.valueOf(count),
                    "--domain",
                    domain,
                    "--malformed-every",
                    "100"))
        .isZero();
    return users;
  }

  @Test
  void tenThousandUsersWithOnePercentMalformedRowsLoadAndLogInWithTheirLegacyPasswords()
      throws Exception {
    // Given a file of 10,000 users, every 100th line malformed
    String domain = "import-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    Path users = generate(10_000, domain);
    String config = TestStack.localConfigOf("user-command");

    // When it is imported
    Path rejects = dir.resolve("rejects.jsonl");
    ImportFile.Summary first =
        run(users.toString(), "--config", config, "--rejects", rejects.toString());

    // Then exactly the malformed lines are rejected, with their line numbers
    assertThat(first.read()).isEqualTo(10_000);
    assertThat(first.imported()).isEqualTo(9_900);
    assertThat(first.rejected()).isEqualTo(100);
    List<Long> rejectedLines =
        Files.readAllLines(rejects).stream()
            .map(line -> read(line).get("line").asLong())
            .sorted()
            .toList();
    assertThat(rejectedLines)
        .isEqualTo(LongStream.rangeClosed(1, 100).map(i -> i * 100).boxed().toList());

    // And good users of every hash format log in with their old password, rehashed to Argon2id
    Http http = new Http(COMMAND.getLocalPort());
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      for (long index : new long[] {0, 1, 2, 3, 4, 5, 1234, 9998}) {
        JsonNode session =
            http.logIn(UserGenerator.emailOf(index, domain), UserGenerator.passwordOf(index));
        String hash =
            cassandra
                .session()
                .execute(
                    "SELECT password_hash FROM "
                        + cassandra.keyspace()
                        + ".user_events WHERE user_id = ? LIMIT 1",
                    UUID.fromString(session.get("userId").asText()))
                .one()
                .getString(0);
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
      }
    }

    // And importing the same file again adds nothing
    ImportFile.Summary second =
        run(
            users.toString(),
            "--config",
            config,
            "--rejects",
            dir.resolve("again.jsonl").toString());
    assertThat(second.imported()).isZero();
    assertThat(second.duplicates()).isEqualTo(9_900);
    assertThat(second.rejected()).isEqualTo(100);
  }

  @Test
  void anInitialLoadWritesWithoutLocksYetAddsNothingTwiceAndCompletesAStoppedLoad()
      throws Exception {
    // Given a file of 2,000 users, every 100th line malformed, and one customer who registered
    // already
    String domain = "initial-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    Path users = generate(2_000, domain);
    Http http = new Http(COMMAND.getLocalPort());
    http.register(UserGenerator.emailOf(6, domain));
    String config = TestStack.localConfigOf("user-command");

    // When it is imported as an initial load, in chunks smaller than the file
    Path rejects = dir.resolve("rejects.jsonl");
    ImportFile.Summary first =
        run(
            users.toString(),
            "--config",
            config,
            "--initial-load",
            "--chunk",
            "64",
            "--rejects",
            rejects.toString());

    // Then the malformed lines and the registered customer's line are rejected, with their line
    // numbers
    assertThat(first.imported()).isEqualTo(1_979);
    assertThat(first.rejected()).isEqualTo(21);
    List<Long> rejectedLines =
        Files.readAllLines(rejects).stream()
            .map(line -> read(line).get("line").asLong())
            .sorted()
            .toList();
    assertThat(rejectedLines).startsWith(7L, 100L, 200L).hasSize(21);

    // And users of every hash format log in with their old password
    for (long index : new long[] {0, 1, 2, 1998}) {
      assertThat(
              http.logIn(UserGenerator.emailOf(index, domain), UserGenerator.passwordOf(index))
                  .get("userId")
                  .asText())
          .isNotBlank();
    }

    // When a load stops before it confirms some rows (their reservations are missing) and runs
    // again
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      EmailKeys keys =
          new EmailKeys(ReplayerConfiguration.command(Path.of(config)).emailLookupSecret());
      List<Long> stopped = List.of(10L, 11L, 1234L);
      for (long index : stopped) {
        cassandra
            .session()
            .execute(
                "DELETE FROM " + cassandra.keyspace() + ".email_reservations WHERE email_key = ?",
                keys.keyOf(UserGenerator.emailOf(index, domain)));
      }
      ImportFile.Summary again =
          run(
              users.toString(),
              "--config",
              config,
              "--initial-load",
              "--rejects",
              dir.resolve("again.jsonl").toString());

      // Then only those rows are written, again whole: their sealed data opens with their (new) key
      assertThat(again.imported()).isEqualTo(3);
      assertThat(again.duplicates()).isEqualTo(1_976);
      CassandraDataKeys dataKeys =
          new CassandraDataKeys(
              cassandra, ReplayerConfiguration.command(Path.of(config)).getMasterKey().build());
      CassandraEventStore events =
          new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(1)));
      for (long index : stopped) {
        String email = UserGenerator.emailOf(index, domain);
        String userId = http.logIn(email, UserGenerator.passwordOf(index)).get("userId").asText();
        List<StoredEvent> stream = events.readStream(UUID.fromString(userId));
        assertThat(stream).hasSize(1);
        String pii = JSON.readTree(stream.get(0).payload()).get("pii").asText();
        assertThat(
                new PersonalDataCipher(dataKeys)
                    .open(UUID.fromString(userId), pii, PersonalData.class))
            .map(PersonalData::email)
            .contains(email);
      }
    }

    // And the default mode finds nothing left to do either
    ImportFile.Summary checked =
        run(
            users.toString(),
            "--config",
            config,
            "--rejects",
            dir.resolve("third.jsonl").toString());
    assertThat(checked.imported()).isZero();
    assertThat(checked.duplicates()).isEqualTo(1_979);
  }

  @Test
  void aCustomerWhoErasedTheirAccountIsNeverImportedAgainButMayRegisterAgain() throws Exception {
    // Given two existing customers imported, and one of them erasing their account after go-live
    String erasedEmail = "erased-" + UUID.randomUUID() + "@example.com";
    String keptEmail = "kept-" + UUID.randomUUID() + "@example.com";
    Path users =
        usersFile(row(erasedEmail, germanMobile(), true, null), row(keptEmail, null, false, null));
    String config = TestStack.localConfigOf("user-command");
    assertThat(
            run(
                    users.toString(),
                    "--config",
                    config,
                    "--rejects",
                    dir.resolve("r1.jsonl").toString())
                .imported())
        .isEqualTo(2);
    Http http = new Http(COMMAND.getLocalPort());
    JsonNode session = http.logIn(erasedEmail, LEGACY_PASSWORD);
    UUID erasedId = UUID.fromString(session.get("userId").asText());
    assertThat(
            http.send(
                    "DELETE",
                    "/v1/users/" + erasedId,
                    "{\"currentPassword\":\"" + LEGACY_PASSWORD + "\"}",
                    "Authorization",
                    Http.bearer(session.get("accessToken").asText()))
                .statusCode())
        .isEqualTo(204);

    // When the same file is imported again, and a file with the address in full-width upper case
    ImportFile.Summary again =
        run(users.toString(), "--config", config, "--rejects", dir.resolve("r2.jsonl").toString());
    Path variant = usersFile(row(fullWidth(erasedEmail.toUpperCase()), null, false, null));
    ImportFile.Summary spelledOtherwise =
        run(
            variant.toString(),
            "--config",
            config,
            "--rejects",
            dir.resolve("r3.jsonl").toString());

    // Then nothing is written back: no login, no data key, a credential still erased, a stream
    // still ending erased
    assertThat(again.imported()).isZero();
    assertThat(again.erased()).isEqualTo(1);
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(spelledOtherwise.imported()).isZero();
    assertThat(spelledOtherwise.erased()).isEqualTo(1);
    assertThat(
            http.post(
                    "/v1/sessions",
                    "{\"email\":\"" + erasedEmail + "\",\"password\":\"" + LEGACY_PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(401);
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      String ks = cassandra.keyspace();
      assertThat(
              cassandra
                  .session()
                  .execute("SELECT * FROM " + ks + ".data_keys WHERE user_id = ?", erasedId)
                  .one())
          .isNull();
      assertThat(
              cassandra
                  .session()
                  .execute(
                      "SELECT erased FROM " + ks + ".user_events WHERE user_id = ? LIMIT 1",
                      erasedId)
                  .one()
                  .getBool("erased"))
          .isTrue();
      CassandraEventStore events =
          new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(1)));
      List<StoredEvent> stream = events.readStream(erasedId);
      assertThat(stream.get(stream.size() - 1).type()).isEqualTo(EventTypes.USER_ERASED);
      // And a replay's fold of the stream finds no profile to bring back
      CassandraDataKeys dataKeys =
          new CassandraDataKeys(
              cassandra, ReplayerConfiguration.command(Path.of(config)).getMasterKey().build());
      assertThat(new ProfileFolder(new PersonalDataCipher(dataKeys)).fold(stream)).isEmpty();
    }

    // And the customer may register again by themselves; the import leaves that new account alone
    String newId = http.register(erasedEmail);
    ImportFile.Summary third =
        run(users.toString(), "--config", config, "--rejects", dir.resolve("r4.jsonl").toString());
    assertThat(third.imported()).isZero();
    assertThat(http.logIn(erasedEmail, UserCommandApp.PASSWORD).get("userId").asText())
        .isEqualTo(newId);
  }

  @Test
  void importedVerifiedPhonesReachVerificationsPhoneRecordAndRankBeforeLaterAccounts()
      throws Exception {
    // Given a phone verified on this platform by a new account before the import ran
    String sharedPhone = germanMobile();
    String ownPhone = germanMobile();
    VerificationConfiguration verification =
        ReplayerConfiguration.verification(Path.of(TestStack.localConfigOf("verification")));
    PhoneKeys phoneKeys = new PhoneKeys(verification.phoneSecret());
    Http http = new Http(COMMAND.getLocalPort());
    UUID newcomer =
        UUID.fromString(http.register("newcomer-" + UUID.randomUUID() + "@example.com"));
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      CassandraPhoneRecords records = new CassandraPhoneRecords(cassandra);
      records.recordVerified(
          newcomer, phoneKeys.phoneHash(sharedPhone), "v-" + UUID.randomUUID(), Instant.now());

      // When existing customers are imported: two with a verified phone (one given with its trunk
      // prefix), one unverified
      String veteran = "veteran-" + UUID.randomUUID() + "@example.com";
      String other = "other-" + UUID.randomUUID() + "@example.com";
      String unverified = "unverified-" + UUID.randomUUID() + "@example.com";
      String unverifiedPhone = germanMobile();
      Path users =
          usersFile(
              row(veteran, sharedPhone, true, "2019-04-01T10:15:30Z"),
              row(other, "+490" + ownPhone.substring(3), true, "2020-01-01T00:00:00Z"),
              row(unverified, unverifiedPhone, false, null));
      String config = TestStack.localConfigOf("user-command");
      assertThat(
              run(
                      users.toString(),
                      "--config",
                      config,
                      "--rejects",
                      dir.resolve("r1.jsonl").toString())
                  .imported())
          .isEqualTo(3);

      // Then verification knows their verified phones (as its own keyed hashes), from when the
      // account was created
      UUID veteranId = UUID.fromString(http.logIn(veteran, LEGACY_PASSWORD).get("userId").asText());
      UUID otherId = UUID.fromString(http.logIn(other, LEGACY_PASSWORD).get("userId").asText());
      UUID unverifiedId =
          UUID.fromString(http.logIn(unverified, LEGACY_PASSWORD).get("userId").asText());
      assertThat(records.verifiedPhone(veteranId))
          .hasValueSatisfying(
              phone -> {
                assertThat(phone.phoneHash()).isEqualTo(phoneKeys.phoneHash(sharedPhone));
                assertThat(phone.verifiedAt()).isEqualTo(Instant.parse("2019-04-01T10:15:30Z"));
              });
      assertThat(records.verifiedPhone(otherId))
          .map(PhoneRecords.VerifiedPhone::phoneHash)
          .contains(phoneKeys.phoneHash(ownPhone));
      assertThat(records.verifiedPhone(unverifiedId)).isEmpty();
      assertThat(records.owners(phoneKeys.phoneHash(unverifiedPhone))).isEmpty();

      // And the migrated customer holds the phone for launches: eligible, and the newcomer is not
      CassandraEventStore events =
          new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(1)));
      CheckEligibility eligibility =
          new CheckEligibility(
              id -> Optional.of(new Launches.Launch(id, Duration.ofDays(7), 1, true)),
              new StreamAccountFacts(events, Clock.systemUTC()),
              records,
              () -> EligibilitySettings.DEFAULTS,
              new MetricRegistry(),
              Clock.systemUTC());
      assertThat(eligibility.check("launch", veteranId).eligible()).isTrue();
      assertThat(eligibility.check("launch", otherId).eligible()).isTrue();
      assertThat(eligibility.check("launch", newcomer).reasons())
          .contains(CheckEligibility.PHONE_SHARED);

      // And importing the file again, or as an initial load, changes nothing
      ImportFile.Summary again =
          run(
              users.toString(),
              "--config",
              config,
              "--initial-load",
              "--rejects",
              dir.resolve("r2.jsonl").toString());
      assertThat(again.duplicates()).isEqualTo(3);
      assertThat(records.owners(phoneKeys.phoneHash(sharedPhone)))
          .extracting(PhoneRecords.Owner::userId)
          .containsExactlyInAnyOrder(veteranId, newcomer);
    }
  }

  private static final String LEGACY_PASSWORD = "a-legacy-Password-42";
  private static final String LEGACY_HASH =
      new PasswordHashes(() -> PasswordHashSettings.DEFAULTS).hash(LEGACY_PASSWORD);

  private static String row(String email, String phone, boolean phoneVerified, String createdAt) {
    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("email", email);
    row.put("firstName", "Ada");
    row.put("lastName", "Lovelace");
    row.put("country", "DE");
    row.put("phone", phone);
    row.put("phoneVerified", phoneVerified);
    row.put("createdAt", createdAt);
    row.put("passwordHash", LEGACY_HASH);
    row.put("locale", "de-DE");
    try {
      return JSON.writeValueAsString(row);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Path usersFile(String... rows) throws Exception {
    Path file = Files.createTempFile(dir, "users-", ".jsonl");
    Files.write(file, List.of(rows));
    return file;
  }

  private static String germanMobile() {
    return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  /** The full-width form (U+FF01..U+FF5E) of every printable ASCII character. */
  private static String fullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii
        .chars()
        .forEach(c -> wide.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : (char) c));
    return wide.toString();
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
