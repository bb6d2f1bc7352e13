package com.retail.identity.replayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A rotation as an operator runs it: the configuration names a new active master key and keeps the
 * old one as retired; {@code rewrap-keys} moves every data key to the new one, after which the new
 * key alone opens the data. In a keyspace of its own: a rewrap touches every key of its keyspace.
 */
class RewrapKeysIT {
  @TempDir Path dir;

  @Test
  void givenANewActiveMasterKey_whenRewrapKeysRuns_thenTheNewKeyAloneOpensEveryUsersData()
      throws Exception {
    // Given 50 users' data sealed under the local master key, in a keyspace of this test
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(
        settings.getKeyspace() + "_rk" + UUID.randomUUID().toString().substring(0, 6));
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String newKey = Base64.getEncoder().encodeToString(raw);
    List<UUID> users = new ArrayList<>();
    List<String> sealed = new ArrayList<>();
    try (CassandraConnector cassandra = new CassandraConnector(settings)) {
      PersonalDataCipher before =
          new PersonalDataCipher(
              new CassandraDataKeys(
                  cassandra, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY)));
      for (int i = 0; i < 50; i++) {
        UUID user = UUID.randomUUID();
        users.add(user);
        sealed.add(before.seal(user, Map.of("email", i + "@example.com")));
      }
    }

    // When the configuration makes a new key active, the local one retired, and the rewrap runs
    Path config = dir.resolve("user-command.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "mode: LOCAL",
            "eureka:",
            "  enabled: false",
            "emailLookupSecret: " + newKey,
            "cassandra:",
            "  contactPoints: [\""
                + String.join("\", \"", TestStack.cassandraContactPoints())
                + "\"]",
            "  port: " + TestStack.cassandraPort(),
            "  replication: \"" + TestStack.cassandraReplication() + "\"",
            "  keyspace: " + settings.getKeyspace(),
            "masterKey:",
            "  id: rotated-2027-01",
            "  key: " + newKey,
            "  retired:",
            "    - id: local-1",
            "      key: " + MasterKeySettings.LOCAL_KEY,
            ""));
    RewrapKeysCommand command = new RewrapKeysCommand();
    int exit = new CommandLine(command).execute("--config", config.toString());

    // Then all 50 were rewrapped, and the new key alone opens each user's data
    assertThat(exit).isZero();
    assertThat(command.summary().rewrapped()).isEqualTo(50);
    try (CassandraConnector cassandra = new CassandraConnector(settings)) {
      PersonalDataCipher after =
          new PersonalDataCipher(
              new CassandraDataKeys(cassandra, new LocalMasterKey("rotated-2027-01", newKey)));
      for (int i = 0; i < users.size(); i++) {
        assertThat(after.open(users.get(i), sealed.get(i), Map.class)).as("user %d", i).isPresent();
      }
    }
  }
}
