package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.http.InternalApi;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * user-command with an internal connector, as production runs it: the platform's own API answers
 * only there (on the public port it does not exist), the rest of the API answers on both, and the
 * instance tells Eureka the internal port, where callers' Ribbon clients then go.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InternalConnectorIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.withInternalConnector(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private static int internalPort() {
    return InternalApi.internalPortOf(APP.getEnvironment().getApplicationContext().getServer());
  }

  private HttpResponse<String> serviceToken(int port) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/service-tokens"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"clientId\":\"verification\",\"clientSecret\":\"local-verification-secret\"}"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenAnInternalConnector_thenTheInternalApiAnswersOnlyThere() throws Exception {
    int internal = internalPort();
    assertThat(internal).isPositive().isNotEqualTo(APP.getLocalPort());

    HttpResponse<String> onPublic = serviceToken(APP.getLocalPort());
    HttpResponse<String> onInternal = serviceToken(internal);

    assertThat(onPublic.statusCode()).isEqualTo(404);
    assertThat(onPublic.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(onPublic.body()).doesNotContain("accessToken");
    assertThat(onInternal.statusCode()).as(onInternal.body()).isEqualTo(200);
    assertThat(JSON.readTree(onInternal.body()).path("accessToken").asText()).isNotBlank();
    // The signing keys, which other services fetch, answer on both
    assertThat(get(APP.getLocalPort(), "/.well-known/jwks.json").statusCode()).isEqualTo(200);
    assertThat(get(internal, "/.well-known/jwks.json").statusCode()).isEqualTo(200);
  }

  @Test
  void givenAnInternalConnector_thenEurekaTellsCallersItsPort() {
    int internal = internalPort();
    String app = APP.getConfiguration().getEureka().getAppName();

    await("the instance registered with its internal port")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> registeredInternalPort(app, APP.getLocalPort()) == internal);
  }

  /** The internalPort metadata of the instance registered at this application port. */
  private static int registeredInternalPort(String app, int port) throws Exception {
    for (JsonNode instance : TestStack.eurekaInstances(app)) {
      if (instance.path("port").path("$").asInt() == port) {
        return instance.path("metadata").path("internalPort").asInt(-1);
      }
    }
    return -1;
  }
}
