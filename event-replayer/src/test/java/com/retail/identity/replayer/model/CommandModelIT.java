package com.retail.identity.replayer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.replayer.ReplayerConfiguration;
import com.retail.identity.replayer.WriteSideSettings;
import com.retail.identity.replayer.cli.ImportRunner;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stateful, model-based test of the command API. Each generated history is a few people and a few
 * concurrent clients that register (in several spellings of one address), log in, change profiles
 * with and without {@code If-Match}, change passwords, erase, register again and import, against
 * user-command, the event-replayer's import and user-query's projections, all in this JVM on the
 * test stack. After each history the stores are checked against the model ({@link ModelCheck}).
 *
 * <p>The seed is printed first and in every failure; {@code -Dmodel.seed=<seed>} (with the other
 * settings printed beside it) generates the same histories again. See {@link ModelSettings}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommandModelIT {
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(UserQueryApplication.class, "user-query", Map.of("eureka.enabled", "false"));

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final ModelSettings SETTINGS = ModelSettings.fromEnvironment();

  @TempDir Path files;

  @Test
  void everyHistoryOfConcurrentClientsLeavesTheStoresAsTheModelSays() throws Exception {
    // Given the write side, the import and the read side on the test stack, and a seeded generator
    // of histories
    System.out.println(
        "CommandModelIT: " + SETTINGS.describe() + "\n  replay with: " + SETTINGS.replay());
    String config = TestStack.localConfigOf("user-command");
    WriteSideSettings command = ReplayerConfiguration.command(Path.of(config));
    CommandApi api = new CommandApi(COMMAND.getLocalPort());
    AtomicInteger histories = new AtomicInteger();
    try (ImportRunner imports =
            new ImportRunner(Path.of(config), Path.of(TestStack.localConfigOf("verification")));
        Stores stores =
            new Stores(
                command.getMasterKey().build(),
                ReadStores.alias(QUERY.getConfiguration().getSearch().getIndexPrefix()))) {
      ModelCheck model =
          new ModelCheck(
              stores,
              new EmailKeys(command.emailLookupSecret()),
              COMMAND.getConfiguration().getReservations().abandonedAfter());
      Importer importer = new Importer(files, imports);
      projectionIsRunning(api, model);

      // When each history runs, then the stores hold what the model says
      qt().withFixedSeed(SETTINGS.seed())
          .withExamples(SETTINGS.histories())
          .withShrinkCycles(SETTINGS.shrinks())
          .forAll(Histories.of(SETTINGS))
          .checkAssert(
              history -> {
                int number = histories.incrementAndGet();
                String domain = "h" + number + "-" + RUN + ".example.com";
                Instant started = Instant.now();
                Journal journal;
                try {
                  journal = new HistoryRun(api, importer, domain, history.people()).run(history);
                } catch (Exception e) {
                  throw new AssertionError("history " + number + " did not finish: " + e, e);
                }
                List<String> violations =
                    model.violations(
                        journal,
                        emails(history.people(), domain),
                        Duration.ofSeconds(SETTINGS.projectionWaitSeconds()));
                System.out.printf(
                    "history %d: %d steps, %d calls, %d ms, %s%n",
                    number,
                    history.steps(),
                    journal.calls().size(),
                    Duration.between(started, Instant.now()).toMillis(),
                    violations.isEmpty() ? "as the model says" : "VIOLATED");
                if (!violations.isEmpty()) {
                  String report =
                      "history "
                          + number
                          + " ("
                          + SETTINGS.describe()
                          + "; replay with "
                          + SETTINGS.replay()
                          + ")\n"
                          + history.describe()
                          + "\n  calls as they started:\n"
                          + journal.describe()
                          + "\n  violations:\n    "
                          + String.join("\n    ", violations);
                  System.out.println(report);
                  throw new AssertionError(report);
                }
              });
    }
  }

  /**
   * Before the first history: the read side has caught up with the log (earlier tests may have left
   * much to project).
   */
  private static void projectionIsRunning(CommandApi api, ModelCheck model) throws Exception {
    String domain = "warm-up-" + RUN + ".example.com";
    HistoryRun warmUp = new HistoryRun(api, null, domain, 1);
    Journal journal =
        warmUp.run(
            new History(
                1, List.of(List.of(new History.Register(0, History.Spelling.PLAIN, 0, "Ada")))));
    assertThat(model.violations(journal, emails(1, domain), Duration.ofMinutes(3)))
        .as(journal.describe())
        .isEmpty();
  }

  /** Every spelling of every person's address: the keys and accounts a history may have touched. */
  private static List<String> emails(int people, String domain) {
    List<String> emails = new ArrayList<>();
    for (int p = 0; p < people; p++) {
      for (History.Spelling spelling : History.Spelling.values()) {
        emails.add(spelling.of(p, domain));
      }
    }
    return emails;
  }
}
