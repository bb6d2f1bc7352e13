package com.retail.identity.query;

import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform's main job end to end on the real stores: register and log in on user-command, read
 * the profile on user-query, which finds user-command through Eureka and fetches its keys through
 * Ribbon + Hystrix.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WalkingSkeletonIT {
  // Apps of this test register under their own names, so other test runs' instances never answer.
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  private static final String COMMAND_APP = "IT-USER-COMMAND-" + SUFFIX;

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of("eureka.appName", COMMAND_APP, "eureka.vipAddress", COMMAND_APP.toLowerCase()));

  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of(
              "eureka.appName",
              "IT-USER-QUERY-" + SUFFIX,
              "userCommandVip",
              COMMAND_APP.toLowerCase()));

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder at(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json");
  }

  @Test
  void aRegisteredCustomerReadsTheirProfileFromTheReadSide() throws Exception {
    // Given a registered, logged-in customer
    String email = uniqueEmail();
    String password = UserCommandApp.PASSWORD;
    JsonNode registered =
        JSON.readTree(
            send(at(COMMAND.getLocalPort(), "/v1/users")
                    .POST(HttpRequest.BodyPublishers.ofString(registrationJson(email, password)))
                    .build())
                .body());
    String userId = registered.get("userId").asText();
    JsonNode session =
        JSON.readTree(
            send(at(COMMAND.getLocalPort(), "/v1/sessions")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                    .build())
                .body());
    String token = session.get("accessToken").asText();

    // When they read their profile from user-query (once it has discovered user-command in Eureka)
    HttpRequest read =
        at(QUERY.getLocalPort(), "/v1/users/" + userId)
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> send(read).statusCode() == 200);
    JsonNode profile = JSON.readTree(send(read).body());

    // Then it is theirs, at the version the write side reported, and holds no secret
    assertThat(profile.get("userId").asText()).isEqualTo(userId);
    assertThat(profile.get("email").asText()).isEqualTo(email);
    assertThat(profile.get("firstName").asText()).isEqualTo("Grace");
    assertThat(profile.get("version").asLong()).isEqualTo(registered.get("version").asLong());
    assertThat(profile.toString()).doesNotContain(password).doesNotContain("argon2");
    assertThat(profile.get("emailVerified").asBoolean()).isFalse();

    // And when they open the link of the verification email, the read side says so
    String verifyToken =
        new Http(COMMAND.getLocalPort()).emailedToken(email, "Confirm your email address");
    HttpResponse<String> verified =
        send(
            at(COMMAND.getLocalPort(), "/v1/email-verifications/confirm")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + verifyToken + "\"}"))
                .build());
    assertThat(verified.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> JSON.readTree(send(read).body()).path("emailVerified").asBoolean());
  }

  @Test
  void givenACustomerLogsOut_thenTheSessionsAccessTokenIsRefusedOnEveryServiceWithinSeconds()
      throws Exception {
    String email = uniqueEmail();
    String userId =
        JSON.readTree(
                send(at(COMMAND.getLocalPort(), "/v1/users")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                registrationJson(email, UserCommandApp.PASSWORD)))
                        .build())
                    .body())
            .get("userId")
            .asText();
    String token = logIn(email);
    String otherDevice = logIn(email);
    HttpRequest read = readProfile(userId, token);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> send(read).statusCode() == 200);

    HttpResponse<String> logout = send(logoutWith(token));

    assertThat(logout.statusCode()).isEqualTo(204);
    // Within the views' one-second reads (and a margin for a busy machine), not the token's 15 min
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> send(read).statusCode() == 401 && send(logoutWith(token)).statusCode() == 401);
    assertThat(send(readProfile(userId, otherDevice)).statusCode())
        .as("the other device's session")
        .isEqualTo(200);
  }

  private String logIn(String email) throws Exception {
    return JSON.readTree(
            send(at(COMMAND.getLocalPort(), "/v1/sessions")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"email\":\""
                                + email
                                + "\",\"password\":\""
                                + UserCommandApp.PASSWORD
                                + "\"}"))
                    .build())
                .body())
        .get("accessToken")
        .asText();
  }

  private HttpRequest readProfile(String userId, String token) {
    return at(QUERY.getLocalPort(), "/v1/users/" + userId)
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private HttpRequest logoutWith(String token) {
    return at(COMMAND.getLocalPort(), "/v1/sessions/current")
        .header("Authorization", "Bearer " + token)
        .DELETE()
        .build();
  }

  @Test
  void anotherCustomersProfileIsRefused() throws Exception {
    String email = uniqueEmail();
    send(
        at(COMMAND.getLocalPort(), "/v1/users")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    registrationJson(email, UserCommandApp.PASSWORD)))
            .build());
    String token = logIn(email);

    HttpRequest other = readProfile(UUID.randomUUID().toString(), token);
    await().atMost(Duration.ofSeconds(30)).until(() -> send(other).statusCode() != 503);

    assertThat(send(other).statusCode()).isEqualTo(403);
  }

  @Test
  void aReadWithoutATokenIs401() throws Exception {
    HttpResponse<String> response =
        send(at(QUERY.getLocalPort(), "/v1/users/" + UUID.randomUUID()).GET().build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void bothServicesAreUpInTheRegistryWithTheirHealthUrls() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> apps =
                  send(
                      HttpRequest.newBuilder(
                              URI.create(TestStack.eurekaUrl() + "apps/" + COMMAND_APP))
                          .header("Accept", "application/json")
                          .GET()
                          .build());
              assertThat(apps.statusCode()).isEqualTo(200);
              JsonNode instance =
                  JSON.readTree(apps.body()).path("application").path("instance").path(0);
              assertThat(instance.path("status").asText()).isEqualTo("UP");
              assertThat(instance.path("port").path("$").asInt()).isEqualTo(COMMAND.getLocalPort());
              assertThat(instance.path("healthCheckUrl").asText())
                  .isEqualTo("http://127.0.0.1:" + COMMAND.getAdminPort() + "/healthcheck");
            });
  }
}
