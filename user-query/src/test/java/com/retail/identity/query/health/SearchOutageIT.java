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

/** The search node goes away and comes back; user-query's health follows without a restart. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchOutageIT {
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

  private HttpResponse<String> health() throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + QUERY.getAdminPort() + "/healthcheck"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + QUERY.getLocalPort() + pathAndQuery))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void searchIsBack() {
    StoreControl.start("search");
  }

  @Test
  void healthTurnsUnhealthyWhileSearchIsDownAndRecoversWhenItIsBack() throws Exception {
    // Given a healthy service
    await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 200);

    // When the search node stops
    StoreControl.stop("search");

    // Then the health check says so, naming the store, within 30 s
    await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 500);
    assertThat(health().body()).contains("\"search\":{\"healthy\":false");

    // And when it is back, the same instance is healthy again
    StoreControl.start("search");
    await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 200);
  }

  @Test
  void
      givenSearchIsDown_thenAdminSearchIs503WithRetryAfter_profilesStillRead_andNothingIsLostWhenItIsBack()
          throws Exception {
    String lastName = "Outage" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Seed seed = Seed.open();
        ReadStores stores = new ReadStores()) {
      UUID before = seed.register("Before", lastName);
      await().atMost(Duration.ofSeconds(10)).until(() -> stores.cacheDocument(before).isPresent());

      StoreControl.stop("search");

      HttpResponse<String> search = get("/v1/users?q=" + lastName, TOKENS.admin());
      assertThat(search.statusCode()).isEqualTo(503);
      assertThat(search.headers().firstValue("Retry-After")).isPresent();
      assertThat(search.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(JSON.readTree(search.body()).path("type").asText()).endsWith("/unavailable");

      assertThat(get("/v1/users/" + before, TOKENS.user(before)).statusCode()).isEqualTo(200);
      UUID during = seed.register("During", lastName);
      HttpResponse<String> fresh =
          get("/v1/users/" + during + "?minVersion=1", TOKENS.user(during));
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(fresh.body()).path("firstName").asText()).isEqualTo("During");

      // Back, without a restart: the projector resumes from its checkpoint and the user is found.
      StoreControl.start("search");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                HttpResponse<String> found = get("/v1/users?q=" + lastName, TOKENS.admin());
                assertThat(found.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(found.body()).path("total").asInt()).isEqualTo(2);
              });
    }
  }
}
