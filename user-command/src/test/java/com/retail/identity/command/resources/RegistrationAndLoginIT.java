package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class RegistrationAndLoginIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNewCustomerRegistersAndLogsIn() throws Exception {
    String email = uniqueEmail();

    HttpResponse<String> registered = post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD));

    assertThat(registered.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(registered.body());
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/v1/users/" + body.get("userId").asText()));

    HttpResponse<String> session = post("/v1/sessions",
        "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + UserCommandApp.PASSWORD + "\"}");

    assertThat(session.statusCode()).isEqualTo(200);
    JsonNode tokens = JSON.readTree(session.body());
    assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("userId").asText()).isEqualTo(body.get("userId").asText());
    assertThat(tokens.get("accessToken").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
  }

  @Test
  void theSameEmailInAnotherCaseIsTaken() throws Exception {
    String email = uniqueEmail();
    assertThat(post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD)).statusCode()).isEqualTo(201);

    HttpResponse<String> second = post("/v1/users", registrationJson(email.toUpperCase(), UserCommandApp.PASSWORD + "-other"));

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(second.body()).get("type").asText()).endsWith("/email-taken");
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() throws Exception {
    String email = uniqueEmail();
    post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD));

    HttpResponse<String> wrongPassword = post("/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"not it at all\"}");
    HttpResponse<String> unknownEmail = post("/v1/sessions", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"not it at all\"}");

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
  }

  @Test
  void theKeySetPublishesPublicKeysOnly() throws Exception {
    HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/.well-known/jwks.json")).build(),
        HttpResponse.BodyHandlers.ofString());

    JsonNode keys = JSON.readTree(jwks.body()).get("keys");
    assertThat(keys).isNotEmpty();
    keys.forEach(key -> {
      assertThat(key.get("kty").asText()).isEqualTo("EC");
      assertThat(key.has("kid")).isTrue();
      assertThat(key.has("d")).as("private part").isFalse();
    });
  }
}
