package com.retail.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.common.store.SearchSettings;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.readmodel.core.ProjectionMetrics;
import com.retail.identity.readmodel.core.ProjectionTuning;
import com.retail.identity.readmodel.core.Projector;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.CassandraEventLog;
import com.retail.identity.readmodel.store.CassandraProjectionState;
import com.retail.identity.readmodel.store.ProfileIndexSettings;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The search projector dies mid-stream (it stops without saving or handing its lease over) while
 * users keep registering, renaming and being erased; a new projector takes over when the lease
 * expires, resumes from the checkpoint, and the index ends with exactly the live users. A keyspace
 * and index of its own, so the counts are exact.
 */
class ProjectorRestartIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_restart";
  private static final String PREFIX =
      TestStack.env("SEARCH_INDEX_PREFIX", "it-manual") + "-restart";
  private static final Seed SEED = Seed.open(KEYSPACE);
  private static final SearchConnector SEARCH =
      new SearchConnector(
          new ObjectMapper()
              .convertValue(
                  Map.of(
                      "urls",
                      List.of("http://127.0.0.1:" + TestStack.searchPort()),
                      "indexPrefix",
                      PREFIX),
                  SearchSettings.class));
  private static final ReadStores STORES = new ReadStores();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);
  private static final LogBuckets BUCKETS = Seed.BUCKETS;
  private static final CassandraProjectionState STATE =
      new CassandraProjectionState(SEED.connector(), BUCKETS);

  @AfterAll
  static void close() throws Exception {
    POOL.shutdownNow();
    SEARCH.stop();
    STORES.close();
    SEED.close();
  }

  private static Projector projector(String owner) {
    return new Projector(
        new SearchProfileWriter(
            SEARCH,
            new ProfileIndexSettings(),
            new SearchTerms(new ProfileIndexSettings().searchKey())),
        new CassandraEventLog(SEED.connector(), BUCKETS),
        SEED.events()::readStream,
        new ProfileFolder(SEED.cipher()),
        STATE,
        ProjectionTuning.fixed(50, 10, 10, 5, 6),
        new ProjectionMetrics(new MetricRegistry(), SearchProfileWriter.PROJECTION),
        POOL,
        Clock.systemUTC(),
        Duration.ofMinutes(10),
        owner);
  }

  @Test
  void
      givenTheProjectorDiesMidStream_whenAnotherTakesOver_thenTheIndexHoldsExactlyTheLiveUsersAtTheirVersions()
          throws Exception {
    List<UUID> users = new ArrayList<>();
    Set<UUID> erased = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      users.add(SEED.register("Restart" + i, "Midstream"));
    }
    for (int i = 0; i < 20; i++) {
      SEED.rename(users.get(i), "Renamed" + i);
    }
    for (int i = 50; i < 60; i++) {
      SEED.erase(users.get(i));
      erased.add(users.get(i));
    }

    // The first projector works through part of the log (pages of 10), saves a checkpoint, then
    // dies.
    Projector first = projector("first");
    first.runOnce();
    Thread.sleep(1100);
    first.runOnce();
    assertThat(STATE.checkpoint(SearchProfileWriter.PROJECTION)).isPresent();
    long partly = STORES.searchCount(ReadStores.alias(PREFIX));
    assertThat(partly).isPositive().isLessThan(50);

    // The stream goes on while nobody projects.
    for (int i = 0; i < 20; i++) {
      users.add(SEED.register("Later" + i, "Midstream"));
    }
    for (int i = 60; i < 65; i++) {
      SEED.erase(users.get(i));
      erased.add(users.get(i));
    }
    for (int i = 20; i < 30; i++) {
      SEED.rename(users.get(i), "Late" + i);
    }

    Projector second = projector("second");
    second.start();
    try {
      assertThat(second.isLeader()).as("the dead projector's lease has not expired yet").isFalse();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(STORES.searchCount(ReadStores.alias(PREFIX)))
                      .isEqualTo(users.size() - erased.size()));
      for (UUID user : users) {
        if (erased.contains(user)) {
          assertThat(STORES.searchDocument(ReadStores.alias(PREFIX), user))
              .as("erased " + user)
              .isEmpty();
        } else {
          assertThat(
                  STORES
                      .searchDocument(ReadStores.alias(PREFIX), user)
                      .orElseThrow()
                      .path("_version")
                      .asLong())
              .as("version of " + user)
              .isEqualTo(SEED.version(user));
        }
      }
      assertThat(second.isLeader()).isTrue();
      assertThat(second.metrics().failureCount()).isZero();
    } finally {
      second.stop();
    }
  }
}
