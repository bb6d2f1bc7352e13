package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure by crypto-shredding across processes: two instances stand for two services' JVMs, each
 * with its own in-memory key cache, on the real store.
 */
class CassandraDataKeysIT {
  private static CassandraConnector cassandra;

  @BeforeAll
  static void connect() {
    cassandra = new CassandraConnector(TestStack.cassandra());
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  private static CassandraDataKeys process() {
    return new CassandraDataKeys(
        cassandra, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY));
  }

  @Test
  void givenAKeyCachedInAnotherProcess_whenTheKeyIsDestroyed_thenThatProcessDropsItWithinSeconds() {
    // Given a user's data sealed by one service and opened (so cached) by another
    CassandraDataKeys writer = process();
    CassandraDataKeys reader = process();
    UUID userId = UUID.randomUUID();
    String sealed = new PersonalDataCipher(writer).seal(userId, Map.of("email", "e@example.com"));
    assertThat(new PersonalDataCipher(reader).open(userId, sealed, Map.class)).isPresent();

    // When the writer's service erases the user
    long destroyedAt = System.nanoTime();
    writer.destroy(userId);

    // Then the destroying process has dropped it at once, and the other one within its cache time
    assertThat(writer.find(userId)).isEmpty();
    await()
        .atMost(CassandraDataKeys.CACHE_FOR.plusSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> new PersonalDataCipher(reader).open(userId, sealed, Map.class).isEmpty());
    System.out.printf(
        "a destroyed data key left another process's memory after %d ms%n",
        Duration.ofNanos(System.nanoTime() - destroyedAt).toMillis());
  }
}
