package com.retail.identity.query.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customer A cannot read customer B's profile, nor search, and cannot tell from the answer whether
 * B exists: the refusal for B and for an id nobody has are the same (status, type, body), with or
 * without {@code minVersion}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationIT {
  private static final TestTokens TOKENS = TestTokens.start();
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of("eureka.enabled", "false", "userCommandClient", TOKENS.clientName()));
  private static final Seed SEED = Seed.open();
  private final HttpClient http = HttpClient.newHttpClient();

  /** The parts of an answer a caller could tell apart. */
  record Answer(int status, String contentType, String body) {
    static Answer of(HttpResponse<String> response) {
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    }
  }

  @AfterAll
  static void close() {
    SEED.close();
    TOKENS.stop();
  }

  private Answer get(String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + QUERY.getLocalPort() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Answer.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void givenNoToken_thenTheOpenApiDocumentIsServedAndNamesTheTokenTheProfileNeeds()
      throws Exception {
    Answer document = get("/openapi.json", null);

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body())
        .contains("\"openapi\" : \"3.1.0\"", "\"/v1/users/{id}\"", "\"bearer\"");
  }

  @Test
  void givenTwoCustomers_whenAReadsB_thenTheRefusalIsTheSameAsForAnIdNobodyHas() throws Exception {
    UUID victim = SEED.register("Victim", "Profile");
    UUID attacker = SEED.register("Attacker", "Profile");
    String token = TOKENS.user(attacker);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/v1/users/" + attacker, token).status() == 200);
    String nobody = UUID.randomUUID().toString();

    for (String query : new String[] {"", "?minVersion=1", "?minVersion=99"}) {
      Answer onVictim = get("/v1/users/" + victim + query, token);
      Answer onNobody = get("/v1/users/" + nobody + query, token);

      assertThat(onVictim.status()).as(query).isEqualTo(403);
      assertThat(onVictim.contentType()).isEqualTo("application/problem+json");
      assertThat(onVictim.body()).doesNotContain("Victim");
      assertThat(onVictim).as("B and nobody, %s", query).isEqualTo(onNobody);
    }
    assertThat(get("/v1/users?q=Victim", token).status()).as("a customer's search").isEqualTo(403);
  }

  @Test
  void givenNoToken_thenNothingAboutAnyoneIsRevealed() throws Exception {
    UUID victim = SEED.register("Victim", "Profile");

    Answer onVictim = get("/v1/users/" + victim, null);
    Answer onNobody = get("/v1/users/" + UUID.randomUUID(), null);

    assertThat(onVictim.status()).isEqualTo(401);
    assertThat(onVictim).isEqualTo(onNobody);
  }
}
