package com.retail.identity.query.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The search node goes away and comes back; user-query's health follows without a restart. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SearchOutageIT {
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY = TestStack.app(UserQueryApplication.class,
      "user-query", Map.of("eureka.enabled", "false"));

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> health() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + QUERY.getAdminPort() + "/healthcheck"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
}
