package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
    return knobTask(authorization, "name=" + knob + "&value=on");
  }

  private HttpResponse<String> knobTask(String authorization, String query) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/knob?" + query))
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
  void givenTheOperatorCredential_whenTheKnobTaskIsCalled_thenTheKnobTurnsAndTheChangeIsAudited()
      throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    String secretKnob = knob + ".signingSecret";

    HttpResponse<String> done =
        knobTask(
            "Bearer " + OPERATOR_TOKEN, "name=" + knob + "&value=on&reason=launch%20day%20gate");
    HttpResponse<String> secret =
        knobTask("Bearer " + OPERATOR_TOKEN, "name=" + secretKnob + "&value=s3cr3t-value");
    Knobs.clearOverride(secretKnob);

    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(secret.statusCode()).as(secret.body()).isEqualTo(200);
    assertThat(Knobs.stringKnob(knob, "off").get()).isEqualTo("on");
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      CassandraAuditTrail trail = new CassandraAuditTrail(cassandra);
      Instant to = Instant.now().plusSeconds(5);
      assertThat(trail.find(new AuditQuery("knob:" + knob, null, before, to, null, 10)))
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.action()).isEqualTo(AuditAction.CHANGE_KNOB);
                assertThat(entry.actor()).isEqualTo("operator");
                assertThat(entry.reason()).isEqualTo("launch day gate");
                assertThat(entry.detail()).startsWith("value=on from=127.0.0.1");
              });
      assertThat(trail.find(new AuditQuery("knob:" + secretKnob, null, before, to, null, 10)))
          .singleElement()
          .satisfies(
              entry -> assertThat(entry.detail()).startsWith("set ").doesNotContain("s3cr3t"));
    }
  }

  @Test
  void givenAnUnprintableReason_whenTheKnobTaskIsCalled_thenItIsRefusedAndNothingChanges()
      throws Exception {
    HttpResponse<String> refused =
        knobTask(
            "Bearer " + OPERATOR_TOKEN, "name=" + knob + "&value=on&reason=" + "x".repeat(201));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Knobs.stringKnob(knob, "off").get()).isEqualTo("off");
  }

  @Test
  void givenACredentialIsConfigured_whenHealthIsAsked_thenItAnswersWithoutOne() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // 200 or 500 by the stores' state; either way the health report itself, not a refusal
    assertThat(health.statusCode()).isNotEqualTo(401);
    assertThat(health.body()).contains("\"cassandra\"", "\"healthy\"");
  }
}
