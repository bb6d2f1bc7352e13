package com.retail.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.readmodel.core.Projector;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two user-query instances on one event log (a keyspace and index of their own, so everything in
 * them is this test's): exactly one runs each projection, and every version of every profile is
 * applied exactly once, across a handover too.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TwoInstancesIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_two";
  private static final String PREFIX = TestStack.env("SEARCH_INDEX_PREFIX", "it-manual") + "-two";
  private static final Seed SEED = Seed.open(KEYSPACE);
  private static final Map<String, String> SETTINGS =
      Map.of(
          "eureka.enabled", "false", "cassandra.keyspace", KEYSPACE, "search.indexPrefix", PREFIX);

  static final DropwizardAppExtension<UserQueryConfiguration> A =
      TestStack.app(UserQueryApplication.class, "user-query", SETTINGS);
  static final DropwizardAppExtension<UserQueryConfiguration> B =
      TestStack.app(UserQueryApplication.class, "user-query", SETTINGS);

  private static final ReadStores STORES = new ReadStores();

  @AfterAll
  static void close() {
    STORES.close();
    SEED.close();
  }

  private static List<Projector> projectors(DropwizardAppExtension<UserQueryConfiguration> app) {
    return ((UserQueryApplication) app.getApplication()).projectors();
  }

  private static Optional<Projector> projector(
      DropwizardAppExtension<UserQueryConfiguration> app, String name) {
    return projectors(app).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static long projected(String name) {
    return projector(A, name).orElseThrow().metrics().projectedCount()
        + projector(B, name).orElseThrow().metrics().projectedCount();
  }

  private static long leaders(String name) {
    return (projector(A, name).orElseThrow().isLeader() ? 1 : 0)
        + (projector(B, name).orElseThrow().isLeader() ? 1 : 0);
  }

  private static void awaitEveryUserAt(List<UUID> users, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (UUID user : users) {
                assertThat(
                        STORES
                            .searchDocument(ReadStores.alias(PREFIX), user)
                            .orElseThrow()
                            .path("_version")
                            .asLong())
                    .isEqualTo(version);
                assertThat(STORES.cacheDocument(user).orElseThrow().path("version").asLong())
                    .isEqualTo(version);
              }
            });
  }

  @Test
  void
      givenTwoInstances_whenEventsFlow_thenOneRunsEachProjectionAndEveryVersionIsAppliedExactlyOnce()
          throws Exception {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      users.add(SEED.register("Twin" + i, "Instances"));
    }
    for (UUID user : users) {
      SEED.rename(user, "Renamed");
    }

    awaitEveryUserAt(users, 2);

    for (String projection : List.of("profile-search", "profile-cache")) {
      assertThat(leaders(projection)).as(projection + " leaders").isEqualTo(1);
      assertThat(projected(projection)).as(projection + " versions applied").isEqualTo(60);
    }
    assertThat(STORES.searchCount(ReadStores.alias(PREFIX))).isEqualTo(30);

    // The instance running the search projection stops: the other takes over from the checkpoint.
    DropwizardAppExtension<UserQueryConfiguration> leader =
        projector(A, "profile-search").orElseThrow().isLeader() ? A : B;
    DropwizardAppExtension<UserQueryConfiguration> other = leader == A ? B : A;
    projectors(leader).forEach(Projector::stop);
    for (UUID user : users) {
      SEED.rename(user, "Again");
    }

    awaitEveryUserAt(users, 3);

    for (String projection : List.of("profile-search", "profile-cache")) {
      assertThat(projector(other, projection).orElseThrow().isLeader()).as(projection).isTrue();
      assertThat(projected(projection)).as(projection + " versions applied").isEqualTo(90);
    }
  }
}
