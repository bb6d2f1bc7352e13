package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeyRing;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.testing.TestStack;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A master-key rotation on the real store, in a keyspace of its own (a rewrap touches every key of
 * its keyspace): after the rewrap every data key names the new master key, sealed data still opens
 * with a ring that holds only the new key, and a key destroyed by an erasure stays destroyed.
 */
class DataKeyRewrapIT {
  private static CassandraConnector cassandra;

  @BeforeAll
  static void connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(
        settings.getKeyspace() + "_rw" + UUID.randomUUID().toString().substring(0, 6));
    cassandra = new CassandraConnector(settings);
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  private static LocalMasterKey newKey(String id) {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return new LocalMasterKey(id, Base64.getEncoder().encodeToString(raw));
  }

  @Test
  void givenKeysWrappedByTheOldMasterKey_whenRewrapped_thenTheNewKeyAloneOpensEverything()
      throws Exception {
    // Given 1,200 users' data sealed under the old master key, and one of them erased
    LocalMasterKey old = newKey("old-" + UUID.randomUUID());
    LocalMasterKey next = newKey("new-" + UUID.randomUUID());
    CassandraDataKeys before = new CassandraDataKeys(cassandra, old);
    List<UUID> users = new ArrayList<>();
    List<String> sealed = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      UUID user = UUID.randomUUID();
      users.add(user);
      sealed.add(new PersonalDataCipher(before).sealNew(user, Map.of("email", i + "@example.com")));
    }
    UUID erased = users.get(7);
    before.destroy(erased);

    // When the new key becomes active (the old one retired) and the rewrap runs
    DataKeyRewrap.Summary summary =
        new DataKeyRewrap(cassandra, new MasterKeyRing(next, List.of(old)), 64).run(n -> {});

    // Then every live key was rewrapped, and the new key alone opens every live user's data
    assertThat(summary.rewrapped()).isEqualTo(1199);
    PersonalDataCipher onlyNew = new PersonalDataCipher(new CassandraDataKeys(cassandra, next));
    for (int i = 0; i < users.size(); i++) {
      if (i == 7) {
        continue;
      }
      assertThat(onlyNew.open(users.get(i), sealed.get(i), Map.class)).as("user %d", i).isPresent();
    }
    // ... the erased user's key was not written back
    assertThat(onlyNew.open(erased, sealed.get(7), Map.class)).isEmpty();
    // ... and a second run has nothing left to do
    DataKeyRewrap.Summary again =
        new DataKeyRewrap(cassandra, new MasterKeyRing(next, List.of(old)), 64).run(n -> {});
    assertThat(again.rewrapped()).isZero();
    assertThat(again.alreadyActive()).isEqualTo(again.scanned());
  }
}
