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
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNewCustomerRegistersAndLogsIn() throws Exception {
    String email = uniqueEmail();

    HttpResponse<String> registered =
        post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD));

    assertThat(registered.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(registered.body());
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(registered.headers().firstValue("Location"))
        .hasValueSatisfying(
            location -> assertThat(location).endsWith("/v1/users/" + body.get("userId").asText()));

    HttpResponse<String> session =
        post(
            "/v1/sessions",
            "{\"email\":\""
                + email.toUpperCase()
                + "\",\"password\":\""
                + UserCommandApp.PASSWORD
                + "\"}");

    assertThat(session.statusCode()).isEqualTo(200);
    JsonNode tokens = JSON.readTree(session.body());
    assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
    assertThat(tokens.get("userId").asText()).isEqualTo(body.get("userId").asText());
    assertThat(tokens.get("accessToken").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
  }

  @Test
  void givenThePasswordIsTheEmailItself_whenRegistering_thenTheRuleIsNamedAndNothingIsHeld()
      throws Exception {
    String email = uniqueEmail();

    HttpResponse<String> refused = post("/v1/users", registrationJson(email, email.toUpperCase()));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("password");
    assertThat(error.get("message").asText()).isEqualTo("must not contain the email address");
    assertThat(refused.body()).doesNotContain(email);
    assertThat(post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void theSameEmailInAnotherCaseIsTaken() throws Exception {
    String email = uniqueEmail();
    assertThat(post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD)).statusCode())
        .isEqualTo(201);

    HttpResponse<String> second =
        post(
            "/v1/users", registrationJson(email.toUpperCase(), UserCommandApp.PASSWORD + "-other"));

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(second.body()).get("type").asText()).endsWith("/email-taken");
  }

  @Test
  void aFullWidthSpellingIsTheSameAccount() throws Exception {
    String email = uniqueEmail();
    HttpResponse<String> first =
        post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD));
    assertThat(first.statusCode()).isEqualTo(201);
    String fullWidth = fullWidth(email.toUpperCase());

    HttpResponse<String> second =
        post("/v1/users", registrationJson(fullWidth, UserCommandApp.PASSWORD + "-other"));
    HttpResponse<String> session =
        post(
            "/v1/sessions",
            "{\"email\":\"" + fullWidth + "\",\"password\":\"" + UserCommandApp.PASSWORD + "\"}");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(second.body()).get("type").asText()).endsWith("/email-taken");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(session.body()).get("userId").asText())
        .isEqualTo(JSON.readTree(first.body()).get("userId").asText());
  }

  @Test
  void compatibilityCaseAndInvisibleVariantsHitTheSameReservation() throws Exception {
    String local = "fi-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            post("/v1/users", registrationJson(local + "@example.com", UserCommandApp.PASSWORD))
                .statusCode())
        .isEqualTo(201);

    // a ligature, a zero-width space, surrounding white space, a full-width @ and a capital domain
    for (String variant :
        java.util.List.of(
            "\uFB01" + local.substring(2) + "@example.com",
            local.charAt(0) + "\u200B" + local.substring(1) + "@example.com",
            "  " + local + "@EXAMPLE.com ",
            local + "\uFF20example.com")) {
      HttpResponse<String> again =
          post("/v1/users", registrationJson(variant, UserCommandApp.PASSWORD + "-other"));
      assertThat(again.statusCode()).as("registration of a variant").isEqualTo(409);
    }
  }

  @Test
  void dotsAndPlusTagsAreDifferentMailboxes() throws Exception {
    String local = "dt" + java.util.UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            post("/v1/users", registrationJson(local + "@example.com", UserCommandApp.PASSWORD))
                .statusCode())
        .isEqualTo(201);

    assertThat(
            post(
                    "/v1/users",
                    registrationJson(
                        local.charAt(0) + "." + local.substring(1) + "@example.com",
                        UserCommandApp.PASSWORD))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(
                    "/v1/users",
                    registrationJson(local + "+news@example.com", UserCommandApp.PASSWORD))
                .statusCode())
        .isEqualTo(201);
  }

  /** The full-width form (U+FF01..U+FF5E) of every printable ASCII character. */
  private static String fullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii
        .chars()
        .forEach(c -> wide.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : (char) c));
    return wide.toString();
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() throws Exception {
    String email = uniqueEmail();
    post("/v1/users", registrationJson(email, UserCommandApp.PASSWORD));

    HttpResponse<String> wrongPassword =
        post("/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"not it at all\"}");
    HttpResponse<String> unknownEmail =
        post(
            "/v1/sessions", "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"not it at all\"}");

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
  }

  @Test
  void theKeySetPublishesPublicKeysOnly() throws Exception {
    HttpResponse<String> jwks =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/.well-known/jwks.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    JsonNode keys = JSON.readTree(jwks.body()).get("keys");
    assertThat(keys).isNotEmpty();
    keys.forEach(
        key -> {
          assertThat(key.get("kty").asText()).isEqualTo("EC");
          assertThat(key.has("kid")).isTrue();
          assertThat(key.has("d")).as("private part").isFalse();
        });
  }
}
