package com.retail.identity.replayer.arch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.replayer.ReplayerArchitectureRules;
import com.retail.identity.replayer.arch.cli.TalksToAStore;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The replayer's rules catch what they are for: a reach into a service's stores or configuration.
 */
class ReplayerArchitectureRulesTest {
  private static JavaClasses classes(Class<?> type) {
    return new ClassFileImporter().importClasses(type);
  }

  private static void breaks(ArchRule rule, Class<?> type, String named) {
    assertThatThrownBy(() -> rule.check(classes(type)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(named);
  }

  @Test
  void aClassUsingUserCommandsStoreAdapterBreaksTheCommandRule() {
    breaks(
        ReplayerArchitectureRules.usesUserCommandThroughItsCoreOnly,
        ReachingIn.UsesCommandStoreAdapter.class,
        "command.store.CassandraEmailReservations");
  }

  @Test
  void aClassReadingUserCommandsConfigurationBreaksTheCommandRule() {
    breaks(
        ReplayerArchitectureRules.usesUserCommandThroughItsCoreOnly,
        ReachingIn.ReadsCommandConfiguration.class,
        "command.UserCommandConfiguration");
  }

  @Test
  void aClassReadingUserQuerysConfigurationBreaksTheQueryRule() {
    breaks(
        ReplayerArchitectureRules.usesNothingOfUserQuery,
        ReachingIn.ReadsQueryConfiguration.class,
        "query.UserQueryConfiguration");
  }

  @Test
  void aClassUsingUserQuerysStoreAdapterBreaksTheQueryRule() {
    breaks(
        ReplayerArchitectureRules.usesNothingOfUserQuery,
        ReachingIn.UsesQueryStoreAdapter.class,
        "query.store.SearchProfiles");
  }

  @Test
  void aCommandHoldingAStoreClientBreaksTheLayoutRule() {
    breaks(
        ReplayerArchitectureRules.commandsAndUseCasesUseNoStoreClient.allowEmptyShould(false),
        TalksToAStore.class,
        "io.searchbox.client.JestClient");
  }

  @Test
  void aClassUsingUserCommandsCoreAndReadModelKeepsEveryRule() {
    JavaClasses libraries = classes(ReachingIn.UsesLibraries.class);

    assertThatCode(
            () -> ReplayerArchitectureRules.usesUserCommandThroughItsCoreOnly.check(libraries))
        .doesNotThrowAnyException();
    assertThatCode(() -> ReplayerArchitectureRules.usesNothingOfUserQuery.check(libraries))
        .doesNotThrowAnyException();
  }
}
