package com.retail.identity.replayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Rollback indices on the real search store, under a prefix of this test's own: within the window
 * they are kept; after it they are deleted, and the index the alias serves never is.
 */
class PruneIndicesIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  private static int send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestStack.searchPort() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private PruneIndicesCommand prune(Path config, String days) {
    PruneIndicesCommand command = new PruneIndicesCommand();
    assertThat(
            new CommandLine(command)
                .execute("--config", config.toString(), "--rollback-days", days))
        .isZero();
    return command;
  }

  @Test
  void givenIndicesLeftByRebuilds_whenPruned_thenOnlyThoseOutsideTheWindowGoAndNeverTheServingOne()
      throws Exception {
    // Given two indices left by rebuilds, then the one the alias serves (built last)
    String prefix = "it-prune-" + UUID.randomUUID().toString().substring(0, 8);
    String alias = prefix + "-profiles";
    String first = alias + "-v1";
    String second = alias + "-r20261201000000";
    String serving = alias + "-r20261205000000";
    for (String index : new String[] {first, second, serving}) {
      assertThat(send("PUT", "/" + index, "{\"settings\":{\"number_of_replicas\":0}}"))
          .isEqualTo(200);
      Thread.sleep(20); // distinct creation times, in this order
    }
    assertThat(
            send(
                "POST",
                "/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\""
                    + serving
                    + "\",\"alias\":\""
                    + alias
                    + "\"}}]}"))
        .isEqualTo(200);
    Path config = dir.resolve("user-query.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "mode: LOCAL",
            "eureka:",
            "  enabled: false",
            "masterKey:",
            "  key: " + MasterKeySettings.LOCAL_KEY,
            "search:",
            "  urls: [\"http://127.0.0.1:" + TestStack.searchPort() + "\"]",
            "  indexPrefix: " + prefix,
            "profileIndex:",
            "  searchKey: bG9jYWwtb25seS1zZWFyY2gta2V5LTMyLWJ5dGVzISE=",
            ""));

    // When pruned within a 7-day window, then everything is kept
    PruneIndicesCommand within = prune(config, "7");
    assertThat(within.summary().deleted()).isEmpty();
    assertThat(within.summary().keptForRollback()).containsExactly(first, second);

    // When the window is over, then the left indices go and the serving one stays
    PruneIndicesCommand after = prune(config, "0");
    assertThat(after.summary().deleted()).containsExactly(first, second);
    assertThat(send("HEAD", "/" + first, null)).isEqualTo(404);
    assertThat(send("HEAD", "/" + second, null)).isEqualTo(404);
    assertThat(send("HEAD", "/" + serving, null)).isEqualTo(200);
    send("DELETE", "/" + serving, null);
  }
}
