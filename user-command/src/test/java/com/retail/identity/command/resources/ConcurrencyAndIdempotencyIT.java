package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class ConcurrencyAndIdempotencyIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  @Test
  void fiftyConcurrentRegistrationsOfOneEmailMakeExactlyOneAccount() throws Exception {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<CompletableFuture<HttpResponse<String>>> attempts =
          IntStream.range(0, 50)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              http.post(
                                  "/v1/users",
                                  registrationJson(
                                      i % 2 == 0 ? email : email.toUpperCase(),
                                      UserCommandApp.PASSWORD)),
                          pool))
              .toList();

      Map<Integer, Long> byStatus =
          attempts.stream()
              .map(CompletableFuture::join)
              .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));

      assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 49L));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRetriedRegistrationWithItsIdempotencyKeyGetsTheFirstAnswer() {
    Http http = new Http(APP.getLocalPort());
    String key = UUID.randomUUID().toString();
    String body = registrationJson(uniqueEmail(), UserCommandApp.PASSWORD);

    HttpResponse<String> first = http.post("/v1/users", body, "Idempotency-Key", key);
    HttpResponse<String> retry = http.post("/v1/users", body, "Idempotency-Key", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(Http.json(retry).get("userId")).isEqualTo(Http.json(first).get("userId"));
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }

  @Test
  void concurrentRetriesWithOneKeyMakeOneAccount() {
    Http http = new Http(APP.getLocalPort());
    String key = UUID.randomUUID().toString();
    String body = registrationJson(uniqueEmail(), UserCommandApp.PASSWORD);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<HttpResponse<String>> answers =
          IntStream.range(0, 8)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> http.post("/v1/users", body, "Idempotency-Key", key), pool))
              .toList()
              .stream()
              .map(CompletableFuture::join)
              .toList();

      // Each answer is the account (first or replayed) or "still in progress, retry"; never a
      // second account.
      assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(201, 409));
      assertThat(
              answers.stream()
                  .filter(a -> a.statusCode() == 201)
                  .map(a -> Http.json(a).get("userId").asText())
                  .collect(Collectors.toSet()))
          .hasSize(1);
      assertThat(
              answers.stream()
                  .filter(a -> a.statusCode() == 409)
                  .map(Http::json)
                  .map(p -> p.get("type").asText()))
          .allMatch(t -> t.endsWith("/idempotency-in-progress"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameKeyWithAnotherBodyIs422() {
    Http http = new Http(APP.getLocalPort());
    String key = UUID.randomUUID().toString();
    http.post(
        "/v1/users",
        registrationJson(uniqueEmail(), UserCommandApp.PASSWORD),
        "Idempotency-Key",
        key);

    HttpResponse<String> other =
        http.post(
            "/v1/users",
            registrationJson(uniqueEmail(), UserCommandApp.PASSWORD),
            "Idempotency-Key",
            key);

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(Http.json(other).get("type").asText()).endsWith("/idempotency-key-reused");
  }

  @Test
  void aRejectedRegistrationIsReplayedAsRejectedToo() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.register(email);
    String key = UUID.randomUUID().toString();
    String body = registrationJson(email, UserCommandApp.PASSWORD);

    HttpResponse<String> first = http.post("/v1/users", body, "Idempotency-Key", key);
    HttpResponse<String> retry = http.post("/v1/users", body, "Idempotency-Key", key);

    assertThat(first.statusCode()).isEqualTo(409);
    assertThat(retry.statusCode()).isEqualTo(409);
    assertThat(retry.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(retry.body()).isEqualTo(first.body());
  }
}
