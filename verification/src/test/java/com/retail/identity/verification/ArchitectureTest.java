package com.retail.identity.verification;

import com.retail.identity.common.testing.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * The layout by role holds: domain and resources never touch a store client; the event log is only
 * read.
 */
@AnalyzeClasses(
    packages = "com.retail.identity.verification",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests layers = ArchTests.in(ArchitectureRules.class);

  @ArchTest
  static final ArchTests readsTheEventLogOnly =
      ArchTests.in(ArchitectureRules.ReadOnlyEventLog.class);
}
