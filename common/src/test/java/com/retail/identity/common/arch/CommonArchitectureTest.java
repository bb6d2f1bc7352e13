package com.retail.identity.common.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "com.retail.identity.common",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CommonArchitectureTest {
  @ArchTest
  static final ArchRule commonDependsOnNoService =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.retail.identity.command..", "com.retail.identity.query..",
              "com.retail.identity.verification..", "com.retail.identity.replayer..")
          .because("services depend on common, never the other way round");

  @ArchTest
  static final ArchRule eventsAreStoreAgnostic =
      noClasses()
          .that()
          .resideInAPackage("..common.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.datastax..", "io.searchbox..", "com.couchbase..", "redis.clients..")
          .because(
              "the event schema and the EventStore port know no store; CassandraEventStore adapts it");
}
