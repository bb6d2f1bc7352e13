package com.retail.identity.query.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.query.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cache goes away and comes back: reads come from search or the stream, the cache projection
 * resumes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CacheOutageIT {
  private static final TestTokens TOKENS = TestTokens.start();
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of("eureka.enabled", "false", "userCommandClient", TOKENS.clientName()));

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void stopIssuer() {
    TOKENS.stop();
  }

  @AfterEach
  void cacheIsBack() {
    StoreControl.start("couchbase");
  }

  private HttpResponse<String> read(UUID userId, String query) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + QUERY.getLocalPort() + "/v1/users/" + userId + query))
            .header("Authorization", "Bearer " + TOKENS.user(userId))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenTheCacheIsDown_thenProfilesComeFromSearchOrTheStream_andTheCacheCatchesUpWhenItIsBack()
      throws Exception {
    try (Seed seed = Seed.open();
        ReadStores stores = new ReadStores()) {
      UUID before = seed.register("Cached", "Before");
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(
              () ->
                  stores.cacheDocument(before).isPresent()
                      && stores.searchDocument(ReadStores.alias(), before).isPresent());

      StoreControl.stop("couchbase");

      HttpResponse<String> known = read(before, "");
      assertThat(known.statusCode()).isEqualTo(200);
      assertThat(known.headers().firstValue("X-Profile-Source"))
          .hasValueSatisfying(s -> assertThat(s).isIn("search", "stream"));
      UUID during = seed.register("Cacheless", "During");
      HttpResponse<String> fresh = read(during, "?minVersion=1");
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(fresh.body()).path("firstName").asText()).isEqualTo("Cacheless");

      // Back (empty: the local cache keeps nothing), without a restart: the projection resumes from
      // its checkpoint.
      StoreControl.start("couchbase");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(stores.cacheDocument(during).orElseThrow().path("version").asLong())
                      .isEqualTo(1));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(read(during, "").headers().firstValue("X-Profile-Source"))
                      .hasValue("cache"));
    }
  }
}
