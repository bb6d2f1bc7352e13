package com.retail.identity.replayer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The replayer's own boundaries (docs/adr/0107-read-model-module.md): it uses the services' rules
 * and read models as libraries, never their store adapters or configuration classes.
 */
public final class ReplayerArchitectureRules {
  private ReplayerArchitectureRules() {}

  @ArchTest
  public static final ArchRule usesUserCommandThroughItsCoreOnly =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("com.retail.identity.command..")
                  .and(not(resideInAPackage("com.retail.identity.command.core.."))))
          .because(
              "the import runs user-command's ImportUsers over the replayer's own adapters; user-command's store"
                  + " adapters and configuration are its own business");

  @ArchTest
  public static final ArchRule usesNothingOfUserQuery =
      noClasses()
          .should()
          .dependOnClassesThat(resideInAPackage("com.retail.identity.query.."))
          .because(
              "what a rebuild shares with user-query (the projector, the read models, their writers) is in read-model;"
                  + " user-query's stores and configuration are its own business");

  @ArchTest
  public static final ArchRule commandsAndUseCasesUseNoStoreClient =
      noClasses()
          .that()
          .resideInAnyPackage("..cli..", "..core..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                  "com.datastax..", "io.searchbox..", "com.couchbase..", "redis.clients.."))
          .because(
              "commands parse arguments and call use cases; stores are reached through ports with adapters in store")
          .allowEmptyShould(true);
}
