package com.retail.identity.readmodel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.retail.identity.common.testing.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layout by role holds, and the read models are derived from the event log, never written to
 * it.
 */
@AnalyzeClasses(
    packages = "com.retail.identity.readmodel",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests layers = ArchTests.in(ArchitectureRules.class);

  @ArchTest
  static final ArchTests readsTheEventLogOnly =
      ArchTests.in(ArchitectureRules.ReadOnlyEventLog.class);

  @ArchTest
  static final ArchRule dependsOnNoService =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.retail.identity.command..", "com.retail.identity.query..",
              "com.retail.identity.verification..", "com.retail.identity.replayer..")
          .because(
              "user-query and the event-replayer both build on the read models; they depend on it, never the other way round");
}
