package com.retail.identity.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Boundaries every service keeps; each service's ArchitectureTest runs them on its own classes. */
public final class ArchitectureRules {
  static final String[] STORE_CLIENTS = {
    "com.datastax..", "io.searchbox..", "com.couchbase..", "redis.clients.."
  };
  static final String[] WEB = {
    "..api..", "jakarta.ws.rs..", "org.glassfish..", "org.eclipse.jetty..", "io.dropwizard.jersey.."
  };

  private ArchitectureRules() {}

  @ArchTest
  public static final ArchRule domainDoesNotImportStoreClients =
      noClasses()
          .that()
          .resideInAPackage("..core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(STORE_CLIENTS)
          .because("use cases talk to ports; adapters in the store package talk to the stores")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule domainKnowsNoWeb =
      noClasses()
          .that()
          .resideInAPackage("..core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(WEB)
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(ProblemException.class)
          .because(
              "use cases take and return domain types and throw domain exceptions; resources translate to and"
                  + " from the wire, and mappers turn domain exceptions into problem+json")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule domainReadsNoKnobs =
      noClasses()
          .that()
          .resideInAPackage("..core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.netflix.config..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(Knobs.class)
          .because(
              "settings reach the domain as typed values through one supplier each, so tests hand them in;"
                  + " the Archaius adapters sit next to the configuration")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule onlyModulesWire =
      noClasses()
          .that()
          .haveNameNotMatching(".*(Module|Application)(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
          .because(
              "one wiring style (ADR 0012): each service's Guice module builds everything with"
                  + " @Provides and plain constructors; use cases, adapters and resources know no injector")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule resourcesDoNotImportStoreClients =
      noClasses()
          .that()
          .resideInAPackage("..resources..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(STORE_CLIENTS)
          .because("resources call use cases, never a store directly")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule resourcesDoNotUseStoreAdapters =
      noClasses()
          .that()
          .resideInAPackage("..resources..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..store..")
          .because("resources call use cases; which store answers is the adapters' business")
          .allowEmptyShould(true);

  @ArchTest
  public static final ArchRule wireTypesStayPlain =
      noClasses()
          .that()
          .resideInAPackage("..api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..core..", "..store..", "..resources..")
          .because(
              "wire types are what the apps see; they must not drag in the domain or the stores")
          .allowEmptyShould(true);

  /**
   * For the services that only read the event log (user-query, verification): the write side is the
   * one writer of user streams; verification records a verified phone through user-command.
   */
  public static final class ReadOnlyEventLog {
    private static final DescribedPredicate<JavaMethodCall> APPEND =
        new DescribedPredicate<>("an append to the event store") {
          @Override
          public boolean test(JavaMethodCall call) {
            return call.getTarget().getOwner().isAssignableTo(EventStore.class)
                && call.getTarget().getName().startsWith("append");
          }
        };

    private ReadOnlyEventLog() {}

    @ArchTest
    public static final ArchRule neverAppendsToTheEventLog =
        noClasses()
            .should()
            .callMethodWhere(APPEND)
            .because("only user-command appends to user streams");

    @ArchTest
    public static final ArchRule neverBuildsEventsToAppend =
        noClasses()
            .should()
            .dependOnClassesThat()
            .areAssignableTo(NewEvent.class)
            .because("a NewEvent exists only to be appended, and only user-command appends");
  }
}
