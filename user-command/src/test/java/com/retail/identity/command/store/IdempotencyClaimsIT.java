package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.core.Idempotency;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key claims against the run's Cassandra: an attempt that fails withdraws its own
 * claim, never another attempt's claim and never a kept answer.
 */
class IdempotencyClaimsIT {
  private static final CassandraConnector CASSANDRA = new CassandraConnector(TestStack.cassandra());
  private static final Idempotency KEYS = new CassandraIdempotency(CASSANDRA);

  @AfterAll
  static void close() {
    CASSANDRA.close();
  }

  @Test
  void givenAFailedAttempt_whenItAbandonsItsClaim_thenTheRetryClaimsTheKey() {
    // Given an attempt that claimed a key
    String key = "register:" + UUID.randomUUID();
    UUID failed = UUID.randomUUID();
    assertThat(KEYS.claim(key, "hash", failed)).isEmpty();

    // When it fails and abandons its claim
    abandon(key, failed);

    // Then the customer's retry gets the key
    assertThat(KEYS.claim(key, "hash", UUID.randomUUID())).isEmpty();
  }

  @Test
  void givenAKeyClaimedByALaterAttempt_whenAnEarlierAttemptAbandons_thenTheClaimStays() {
    // Given a key the retry holds (the first attempt's claim was never written)
    String key = "register:" + UUID.randomUUID();
    UUID first = UUID.randomUUID();
    UUID retry = UUID.randomUUID();
    assertThat(KEYS.claim(key, "hash", retry)).isEmpty();

    // When the first attempt's late abandon arrives
    abandon(key, first);

    // Then the retry still holds the key: a third attempt is told "in progress"
    Optional<Idempotency.Stored> third = KEYS.claim(key, "hash", UUID.randomUUID());
    assertThat(third).isPresent();
    assertThat(third.get().status()).isZero();
  }

  @Test
  void givenACompletedRequest_whenAnAbandonArrives_thenTheAnswerIsKept() {
    // Given a request that completed with 201
    String key = "register:" + UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    assertThat(KEYS.claim(key, "hash", attempt)).isEmpty();
    KEYS.complete(key, "hash", 201, "{\"userId\":\"x\"}", "/v1/users/x");

    // When an abandon of the same attempt arrives after all
    abandon(key, attempt);

    // Then a retry still gets the first answer
    Optional<Idempotency.Stored> replay = KEYS.claim(key, "hash", UUID.randomUUID());
    assertThat(replay).isPresent();
    assertThat(replay.get().status()).isEqualTo(201);
    assertThat(replay.get().location()).isEqualTo("/v1/users/x");
  }

  private static void abandon(String key, UUID claimant) {
    KEYS.abandon(key, claimant).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
