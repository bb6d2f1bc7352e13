package com.retail.identity.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps the simulations from rotting: the launch mix for 20 s at 4 operations per second against
 * user-command and user-query started in this JVM on the test stack. It checks that the run
 * happened and that nothing answered 5xx or failed to answer; it asserts no timing (the benchmark
 * checks targets, never the test suite).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LaunchMixSmokeIT {
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  private static final String COMMAND_APP = "IT-LOAD-COMMAND-" + SUFFIX;

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of("eureka.appName", COMMAND_APP, "eureka.vipAddress", COMMAND_APP.toLowerCase()));

  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of(
              "eureka.appName",
              "IT-LOAD-QUERY-" + SUFFIX,
              "userCommandVip",
              COMMAND_APP.toLowerCase()));

  @Test
  void theLaunchMixRunsWithoutServerErrors() throws Exception {
    String command = "http://127.0.0.1:" + COMMAND.getLocalPort();
    String query = "http://127.0.0.1:" + QUERY.getLocalPort();
    Path seed = Path.of("target", "smoke", "seed-" + SUFFIX).toAbsolutePath();
    Path out = Path.of("target", "smoke", "out-" + SUFFIX).toAbsolutePath();
    Path results = Path.of("target", "smoke", "gatling").toAbsolutePath();

    // Given seeded accounts (production hashing: test mode refuses the bench cost) ...
    Map<String, Object> seeded =
        Seeder.seed(command, 12, 4, 6, seed, "admin@local.test", "local-admin-pass-1");
    assertThat(seeded.get("accounts")).isEqualTo(12);
    // ... and a read side that has found user-command's signing keys through Eureka
    awaitProfileReadable(command, query, seed);

    // When the launch mix runs for 20 s at 4/s
    System.setProperty("lt.commandUrl", command);
    System.setProperty("lt.queryUrl", query);
    System.setProperty("lt.rate", "4");
    System.setProperty("lt.duration", "20");
    System.setProperty("lt.rampUp", "0");
    System.setProperty("lt.seedDir", seed.toString());
    System.setProperty("lt.out", out.toString());
    System.setProperty("gatling.http.requestTimeout", "10000");
    int exit =
        io.gatling.app.Gatling$.MODULE$.fromArgs(
            new String[] {
              "-s",
              LaunchMixSimulation.class.getName(),
              "-rf",
              results.toString(),
              "-rd",
              "smoke",
              "-nr"
            });

    // Then it ran, every operation of the mix was sent, and none got a 5xx or no answer
    assertThat(exit).isZero();
    JsonNode recorded = new ObjectMapper().readTree(out.resolve("recorder.json").toFile());
    JsonNode all = recorded.path("series").path("legit/all");
    assertThat(all.path("count").asLong()).isGreaterThanOrEqualTo(40);
    for (String name : List.of("register", "login")) {
      assertThat(recorded.path("series").path("legit/" + name).path("count").asLong())
          .as(name)
          .isPositive();
    }
    all.path("statuses")
        .fieldNames()
        .forEachRemaining(
            status ->
                assertThat(Integer.parseInt(status))
                    .as("status %s in %s", status, all.path("statuses"))
                    .isBetween(200, 499));
    assertThat(Recorder.countStatus("legit", "login", 200, 200)).isPositive();
    assertThat(Recorder.countStatus("legit", "register", 201, 201)).isPositive();
  }

  private static void awaitProfileReadable(String command, String query, Path seed)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String[] account = Files.readAllLines(seed.resolve("accounts.csv")).get(1).split(",");
    JsonNode session = Seeder.login(http, command, account[0], account[1]);
    assertThat(session).isNotNull();
    HttpRequest read =
        HttpRequest.newBuilder(URI.create(query + "/v1/users/" + session.path("userId").asText()))
            .header("Authorization", "Bearer " + session.path("accessToken").asText())
            .GET()
            .build();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }
}
