package com.retail.identity.replayer;

import com.retail.identity.common.testing.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * The layout by role holds: the domain knows neither the web nor a store client; the services are
 * used through their cores and read-model, never through their stores or configuration.
 */
@AnalyzeClasses(
    packages = "com.retail.identity.replayer",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests layers = ArchTests.in(ArchitectureRules.class);

  @ArchTest static final ArchTests replayer = ArchTests.in(ReplayerArchitectureRules.class);
}
