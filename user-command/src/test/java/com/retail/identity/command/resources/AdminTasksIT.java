package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.config.Knobs;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admin-port tasks need the operator credential once one is configured (always in production). */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminTasksIT {
  private static final String OPERATOR_TOKEN = "an-operator-token-of-at-least-32-characters";
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(Map.of("operatorToken", OPERATOR_TOKEN));

  private final HttpClient http = HttpClient.newHttpClient();
  private final String knob = "identity.test.adminTasks." + UUID.randomUUID();

  @AfterEach
  void clear() {
    Knobs.clearOverride(knob);
  }

  private HttpResponse<String> setKnob(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + APP.getAdminPort()
                        + "/tasks/knob?name="
                        + knob
                        + "&value=on"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void givenNoOrAWrongCredential_whenAnOperatorTaskIsCalled_thenItIsRefusedAndNothingChanges()
      throws Exception {
    for (String authorization :
        new String[] {
          null,
          "Bearer not-the-operator-token",
          "Basic " + OPERATOR_TOKEN,
          "Bearer " + OPERATOR_TOKEN + "x"
        }) {
      HttpResponse<String> refused = setKnob(authorization);

      assertThat(refused.statusCode()).as("%s", authorization).isEqualTo(401);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(refused.body()).doesNotContain(OPERATOR_TOKEN);
      assertThat(Knobs.stringKnob(knob, "off").get()).isEqualTo("off");
    }
  }

  @Test
  void givenTheOperatorCredential_whenTheKnobTaskIsCalled_thenTheKnobTurns() throws Exception {
    HttpResponse<String> done = setKnob("Bearer " + OPERATOR_TOKEN);

    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(Knobs.stringKnob(knob, "off").get()).isEqualTo("on");
  }

  @Test
  void givenACredentialIsConfigured_whenHealthIsAsked_thenNoCredentialIsNeeded() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isIn(200, 500);
    assertThat(health.statusCode()).isNotEqualTo(401);
  }
}
