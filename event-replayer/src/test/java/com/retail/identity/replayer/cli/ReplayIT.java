package com.retail.identity.replayer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.replayer.core.RebuildSearchIndex;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** A rebuild of the search index from the log: stopped half way, resumed, swapped in. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReplayIT {
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension();
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode search(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestStack.searchPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Http.json(response);
  }

  private RebuildSearchIndex.Summary replay(String... args) {
    ReplayCommand command = new ReplayCommand();
    assertThat(new CommandLine(command).execute(args)).isZero();
    return command.summary();
  }

  @Test
  void aRebuildStoppedHalfWayResumesAndSwapsInOneDocumentPerLiveUser() throws Exception {
    // Given 12 customers registered, and one of them erased
    Instant from = Instant.now().minusSeconds(1);
    Http api = new Http(COMMAND.getLocalPort());
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String email = UserCommandApp.uniqueEmail();
      users.add(api.register(email));
      if (i == 0) {
        String token = api.logIn(email, UserCommandApp.PASSWORD).get("accessToken").asText();
        api.send(
            "DELETE",
            "/v1/users/" + users.get(0),
            "{\"currentPassword\":\"" + UserCommandApp.PASSWORD + "\"}",
            "Authorization",
            Http.bearer(token));
      }
    }
    Set<String> live = new HashSet<>(users.subList(1, users.size()));
    String config = TestStack.localConfigOf("user-query");
    String alias = TestStack.env("SEARCH_INDEX_PREFIX", "it-manual") + "-profiles";

    // When a rebuild stops after a few events (as if killed) and is run again with its index
    RebuildSearchIndex.Summary first =
        replay("--config", config, "--from", from.toString(), "--batch", "3", "--stop-after", "3");
    assertThat(first.previousIndices()).isEmpty();
    String index = first.index();
    RebuildSearchIndex.Summary resumed =
        replay("--config", config, "--from", from.toString(), "--index", index);

    // Then the new index holds every live user and not the erased one, and the alias serves it
    search("/" + index + "/_refresh");
    // every document, not the first page: in a whole suite the window also holds earlier tests'
    // users (100+)
    JsonNode hits = search("/" + index + "/_search?size=10000&rest_total_hits_as_int=true");
    Set<String> ids = new HashSet<>();
    hits.path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
    // (a replay re-reads a short window before --from for late events, so earlier tests' users may
    // join them)
    Set<String> missing = new HashSet<>(live);
    missing.removeAll(ids);
    assertThat(missing)
        .as(
            "live users missing from %s (%d documents; erased user %s %s; first run %s, resumed %s)",
            index,
            ids.size(),
            users.get(0),
            ids.contains(users.get(0)) ? "present" : "absent",
            first,
            resumed)
        .isEmpty();
    assertThat(ids).as("the erased user").doesNotContain(users.get(0));
    assertThat(search("/_alias/" + alias).has(index)).isTrue();
    assertThat(resumed.index()).isEqualTo(index);
    // And searching through the alias keeps answering
    assertThat(search("/" + alias + "/_count").path("count").asLong())
        .isGreaterThanOrEqualTo(live.size());
  }
}
