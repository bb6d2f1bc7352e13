package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets problem+json with a clear status, on every POST endpoint. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorContractIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private static String customer;

  /**
   * A customer's {@code Authorization}: methods that need a token check it before they read the
   * body.
   */
  private static synchronized String signedIn() {
    if (customer == null) {
      Http client = new Http(APP.getLocalPort());
      String email = UserCommandApp.uniqueEmail();
      client.register(email);
      customer =
          Http.bearer(client.logIn(email, UserCommandApp.PASSWORD).get("accessToken").asText());
    }
    return customer;
  }

  private HttpResponse<String> post(
      String path, String contentType, HttpRequest.BodyPublisher body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .header("Content-Type", contentType)
            .POST(body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String typeSuffix)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).endsWith(typeSuffix);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void malformedJsonIs400(String path) throws Exception {
    assertProblem(
        post(path, "application/json", HttpRequest.BodyPublishers.ofString("{\"email\": ")),
        400,
        "/malformed-json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void aHundredKibibyteBodyIs413(String path) throws Exception {
    String big = "{\"email\":\"" + "a".repeat(100 * 1024) + "\"}";
    assertProblem(
        post(path, "application/json", HttpRequest.BodyPublishers.ofString(big)),
        413,
        "/payload-too-large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void aChunkedBodyOverTheLimitIs413Too(String path) throws Exception {
    byte[] chunk = ("{\"email\":\"" + "a".repeat(100 * 1024) + "\"}").getBytes();
    // An InputStream publisher has no known length, so the client sends it chunked.
    HttpRequest.BodyPublisher chunked =
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk));
    assertProblem(post(path, "application/json", chunked), 413, "/payload-too-large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void plainTextIs415(String path) throws Exception {
    assertProblem(
        post(path, "text/plain", HttpRequest.BodyPublishers.ofString("hello")),
        415,
        "/unsupported-media-type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void deeplyNestedJsonIsRefusedBeforeAnyWork(String path) throws Exception {
    // Inside a field the service ignores, so only the nesting limit can refuse it.
    String deep = "{\"unknown\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertProblem(
        post(path, "application/json", HttpRequest.BodyPublishers.ofString(deep)),
        400,
        "/request-too-complex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/users", "/v1/sessions"})
  void aDuplicatedFieldIsMalformed(String path) throws Exception {
    assertProblem(
        post(
            path,
            "application/json",
            HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}")),
        400,
        "/malformed-json");
  }

  @Test
  void everyInvalidFieldIsNamed() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/users",
            "application/json",
            HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"not-an-email\",\"password\":\"short\",\"firstName\":\"\",\"country\":\"usa\"}"));

    assertProblem(response, 400, "/validation");
    List<String> fields = new ArrayList<>();
    JSON.readTree(response.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("email", "password", "firstName", "lastName", "country");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    HttpResponse<String> response =
        post(
            "/v1/users",
            "application/json",
            HttpRequest.BodyPublishers.ofString("{\"email\":{\"nested\":true}}"));

    assertProblem(response, 400, "/validation");
    assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText())
        .isEqualTo("email");
  }

  /**
   * A number, boolean, array or object where the contract says text is refused, naming the field.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/sessions | email | 42",
        "/v1/sessions | password | 12345678901",
        "/v1/sessions | password | true",
        "/v1/sessions | email | 1.5e3",
        "/v1/sessions | password | [\"pass-phrase-1\"]",
        "/v1/sessions | email | {\"a\":1}",
        "/v1/users | email | 42",
        "/v1/users | password | 1234567890123",
        "/v1/users | firstName | false",
        "/v1/users | country | 1",
        "/v1/users | phone | 4915112345678",
        "/v1/users | locale | 12",
        "/v1/sessions/refresh | refreshToken | 7",
        "/internal/service-tokens | clientSecret | 123456",
        "/v1/users/00000000-0000-0000-0000-000000000001/password | currentPassword | 12345678",
        "/v1/users/00000000-0000-0000-0000-000000000001/password | newPassword | true"
      })
  void aScalarOfAnotherTypeWhereTextIsExpectedIsNamed(String path, String field, String value)
      throws Exception {
    String others =
        (field.equals("email") ? "" : "\"email\":\"a@example.com\",")
            + (field.equals("password") ? "" : "\"password\":\"pass-phrase-1\",");
    String body = "{" + others + "\"" + field + "\":" + value + "}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", signedIn());
    request =
        path.endsWith("/password")
            ? request.PUT(HttpRequest.BodyPublishers.ofString(body))
            : request.POST(HttpRequest.BodyPublishers.ofString(body));

    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertProblem(response, 400, "/validation");
    assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText())
        .isEqualTo(field);
  }

  @Test
  void aProfileChangeWithANumberForTextIsNamed() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + APP.getLocalPort()
                            + "/v1/users/00000000-0000-0000-0000-000000000001"))
                .header("Content-Type", "application/json")
                .header("Authorization", signedIn())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"lastName\":42}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(response, 400, "/validation");
    assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asText())
        .isEqualTo("lastName");
  }

  @Test
  void anEmptyBodyIsAValidationProblem() throws Exception {
    assertProblem(
        post("/v1/users", "application/json", HttpRequest.BodyPublishers.noBody()),
        400,
        "/validation");
  }

  @Test
  void anUnknownPathIsAProblemToo() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/v1/nothing-here"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 404, "/not-found");
  }

  @Test
  void theCallersRequestIdIsEchoedAndAFreshOneIsMadeOtherwise() throws Exception {
    HttpResponse<String> withId =
        post(
            "/v1/sessions",
            "application/json",
            HttpRequest.BodyPublishers.ofString("{}"),
            "X-Request-Id",
            "support-trace-1234");
    HttpResponse<String> without =
        post("/v1/sessions", "application/json", HttpRequest.BodyPublishers.ofString("{}"));

    assertThat(withId.headers().firstValue("X-Request-Id")).hasValue("support-trace-1234");
    assertThat(without.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).hasSize(36));
  }

  @Test
  void aPreflightFromTheWebAppIsAnsweredAndOthersAreNot() throws Exception {
    HttpRequest.Builder preflight =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/v1/users"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,idempotency-key");

    HttpResponse<String> allowed =
        http.send(
            preflight.copy().header("Origin", "http://localhost:3000").build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> foreign =
        http.send(
            preflight.copy().header("Origin", "https://evil.example").build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:3000");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValueSatisfying(
            h -> assertThat(h).contains("Idempotency-Key").contains("Content-Type"));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
