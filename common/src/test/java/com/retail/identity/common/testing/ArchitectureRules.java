package com.retail.identity.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Boundaries every service keeps; each service's ArchitectureTest runs them on its own classes. */
public final class ArchitectureRules {
  static final String[] STORE_CLIENTS = {"com.datastax..", "io.searchbox..", "com.couchbase..", "redis.clients.."};

  private ArchitectureRules() {}

  @ArchTest
  public static final ArchRule domainDoesNotImportStoreClients = noClasses()
      .that().resideInAPackage("..core..")
      .should().dependOnClassesThat().resideInAnyPackage(STORE_CLIENTS)
      .because("use cases talk to ports; adapters in the store package talk to the stores")
      .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule resourcesDoNotImportStoreClients = noClasses()
      .that().resideInAPackage("..resources..")
      .should().dependOnClassesThat().resideInAnyPackage(STORE_CLIENTS)
      .because("resources call use cases, never a store directly")
      .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule wireTypesStayPlain = noClasses()
      .that().resideInAPackage("..api..")
      .should().dependOnClassesThat().resideInAnyPackage("..core..", "..store..", "..resources..")
      .because("wire types are what the apps see; they must not drag in the domain or the stores")
      .allowEmptyShould(true);
}
