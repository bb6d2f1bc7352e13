package com.retail.identity.query;

import static com.retail.identity.command.Http.bearer;
import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.ChangePassword;
import com.retail.identity.command.core.ErasureTail;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.readmodel.core.ProfileFolder;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault injection at every point between two writes of a command: the command stops there as if its
 * process had died ({@link CrashPoints}: no later write, no cleanup), the customer gets no answer
 * they could take as success, and then, without a restart, the platform settles: either the whole
 * change is there (in the stream, the credential and both read models) or none of it, and nothing
 * is left half made (no reservation without an account, no second account for one email, no erased
 * account that logs in). The reservation reaper runs with a 2 s window here.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CrashPointsIT {
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  private static final String COMMAND_APP = "IT-CRASH-COMMAND-" + SUFFIX;
  private static final Duration SETTLED = Duration.ofSeconds(45);

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of(
              "eureka.appName",
              COMMAND_APP,
              "eureka.vipAddress",
              COMMAND_APP.toLowerCase(),
              "reservations.abandonedAfter",
              "2 seconds",
              "reservations.reaperInterval",
              "500 milliseconds"));

  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of(
              "eureka.appName",
              "IT-CRASH-QUERY-" + SUFFIX,
              "userCommandVip",
              COMMAND_APP.toLowerCase()));

  private static final Seed SEED = Seed.open();
  private static final ReadStores STORES = new ReadStores();

  @AfterEach
  void disarm() {
    CrashPoints.disarmAll();
  }

  @AfterAll
  static void close() {
    STORES.close();
    SEED.close();
  }

  private static Http command() {
    return new Http(COMMAND.getLocalPort(), Duration.ofSeconds(20));
  }

  /**
   * The request during which the armed point is reached: never a success the customer could rely
   * on.
   */
  private static void crashDuring(String point, Runnable request) {
    CrashPoints.arm(point);
    request.run();
    assertThat(CrashPoints.isArmed(point)).as("the request reached " + point).isFalse();
  }

  private static void assertNoSuccess(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(500);
  }

  private static Optional<HttpResponse<String>> send(
      Http http, String method, String path, String body, String... headers) {
    try {
      return Optional.of(http.send(method, path, body, headers));
    } catch (UncheckedIOException connectionClosed) {
      return Optional.empty(); // the server dropped the connection: no answer either
    }
  }

  @Test
  void
      givenARegistrationWithAnIdempotencyKeyWhoseAnswerIsLostBetweenAnyTwoWrites_whenTheAppRetriesAtOnce_thenTheRetryOpensThatOneAccountAndItStays() {
    for (String point :
        List.of(
            RegisterUser.AFTER_RESERVATION,
            RegisterUser.AFTER_DATA_KEY,
            CassandraEventStore.AFTER_LOG_ENTRIES,
            CassandraEventStore.AFTER_STREAM)) {
      Http http = command();
      String email = uniqueEmail();
      String key = UUID.randomUUID().toString();
      CrashPoints.loseAnswerAt(point);

      HttpResponse<String> unanswered =
          http.send("POST", "/v1/users", registrationJson(email, PASSWORD), "Idempotency-Key", key);
      // As an app does: "in progress" (the first attempt's claim, still held when its abandonment
      // timed out on a busy store) is retried until the claim is released or expires
      HttpResponse<String> retried =
          Awaitility.await()
              .alias(point + ": the retry is no longer told the first attempt is in progress")
              .atMost(Duration.ofSeconds(150))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () ->
                      http.send(
                          "POST",
                          "/v1/users",
                          registrationJson(email, PASSWORD),
                          "Idempotency-Key",
                          key),
                  answer -> !answer.body().contains("idempotency-in-progress"));

      assertThat(CrashPoints.isArmed(point)).as("the request reached " + point).isFalse();
      assertThat(unanswered.statusCode()).as(point + ": " + unanswered.body()).isEqualTo(503);
      assertThat(retried.statusCode()).as(point + ": " + retried.body()).isEqualTo(201);
      String userId = Http.json(retried).get("userId").asText();
      // Past the reaper's window and some of its passes, the account is still the one that logs in
      Awaitility.await()
          .alias(point)
          .during(Duration.ofSeconds(3))
          .atMost(SETTLED)
          .until(() -> userId.equals(loggedInUser(http, email)));
      assertThat(liveAccountsWithTheEmailKeyOf(UUID.fromString(userId))).as(point).isEqualTo(1);
    }
  }

  @Test
  void
      givenARegistrationThatDiesBetweenAnyTwoWrites_thenTheEmailEndsFreeAndOneRegistrationMakesOneAccount() {
    for (String point :
        List.of(
            RegisterUser.AFTER_RESERVATION,
            RegisterUser.AFTER_DATA_KEY,
            CassandraEventStore.AFTER_LOG_ENTRIES,
            CassandraEventStore.AFTER_STREAM)) {
      Http http = command();
      String email = uniqueEmail();

      crashDuring(
          point,
          () ->
              send(http, "POST", "/v1/users", registrationJson(email, PASSWORD))
                  .ifPresent(CrashPointsIT::assertNoSuccess));

      // Once the reaper has looked, the email registers (once) and logs in to that one account
      await(point)
          .until(
              () -> http.post("/v1/users", registrationJson(email, PASSWORD)).statusCode() == 201);
      String userId = http.logIn(email, PASSWORD).get("userId").asText();
      // A registration may take an abandoned reservation over before the reaper erased the account
      // that died holding it (ADR 0005): that one is erased on the reaper's next pass.
      await(point).until(() -> liveAccountsWithTheEmailKeyOf(UUID.fromString(userId)) == 1);
      assertThat(http.post("/v1/users", registrationJson(email, PASSWORD)).statusCode())
          .as(point)
          .isEqualTo(409);
    }
  }

  @Test
  void
      givenAProfileChangeThatDiesBetweenAnyTwoWrites_thenTheReadModelsEqualTheStreamAndTheNextChangeHasNoGap() {
    for (String point :
        List.of(CassandraEventStore.AFTER_LOG_ENTRIES, CassandraEventStore.AFTER_STREAM)) {
      Http http = command();
      String email = uniqueEmail();
      UUID userId = UUID.fromString(http.register(email));
      String token = http.logIn(email, PASSWORD).get("accessToken").asText();

      crashDuring(
          point,
          () ->
              send(
                      http,
                      "PATCH",
                      "/v1/users/" + userId,
                      "{\"firstName\":\"Crashed\"}",
                      "Authorization",
                      bearer(token),
                      "If-Match",
                      "1")
                  .ifPresent(CrashPointsIT::assertNoSuccess));

      List<StoredEvent> stream = SEED.events().readStream(userId);
      long head = stream.get(stream.size() - 1).seq();
      assertThat(head).as(point).isEqualTo(CassandraEventStore.AFTER_STREAM.equals(point) ? 2 : 1);
      String firstName = head == 2 ? "Crashed" : "Grace";
      JsonNode expectedSource =
          ReadStores.searchSourceOf(new ProfileFolder(SEED.cipher()).fold(stream).orElseThrow());
      await(point)
          .untilAsserted(
              () -> {
                assertThat(STORES.searchDocument(ReadStores.alias(), userId))
                    .hasValueSatisfying(
                        doc -> {
                          assertThat(doc.path("_version").asLong()).isEqualTo(head);
                          assertThat(doc.path("_source")).isEqualTo(expectedSource);
                        });
                assertThat(STORES.cachedProfile(userId, SEED.cipher()))
                    .hasValueSatisfying(
                        doc -> {
                          assertThat(doc.path("version").asLong()).isEqualTo(head);
                          assertThat(doc.path("firstName").asText()).isEqualTo(firstName);
                        });
              });
      HttpResponse<String> next =
          http.send(
              "PATCH",
              "/v1/users/" + userId,
              "{\"lastName\":\"After\"}",
              "Authorization",
              bearer(token),
              "If-Match",
              Long.toString(head));
      assertThat(next.statusCode()).as(point).isEqualTo(200);
      assertThat(Http.json(next).get("version").asLong()).as(point).isEqualTo(head + 1);
    }
  }

  @Test
  void
      givenAPasswordChangeThatDiesBetweenAnyTwoWrites_thenExactlyOnePasswordWorksTheStreamSaysWhichAndOtherSessionsAreOver() {
    for (String point :
        List.of(
            ChangePassword.AFTER_SESSIONS,
            CassandraEventStore.AFTER_LOG_ENTRIES,
            CassandraEventStore.AFTER_STREAM)) {
      Http http = command();
      String email = uniqueEmail();
      UUID userId = UUID.fromString(http.register(email));
      String otherDevice = http.logIn(email, PASSWORD).get("refreshToken").asText();
      String token = http.logIn(email, PASSWORD).get("accessToken").asText();
      String newPassword = "crimson-Window-58-harbour!";

      crashDuring(
          point,
          () ->
              send(
                      http,
                      "PUT",
                      "/v1/users/" + userId + "/password",
                      "{\"currentPassword\":\""
                          + PASSWORD
                          + "\",\"newPassword\":\""
                          + newPassword
                          + "\"}",
                      "Authorization",
                      bearer(token))
                  .ifPresent(CrashPointsIT::assertNoSuccess));

      boolean changed =
          SEED.events().readStream(userId).stream()
              .anyMatch(e -> EventTypes.PASSWORD_CHANGED.equals(e.type()));
      assertThat(changed).as(point).isEqualTo(CassandraEventStore.AFTER_STREAM.equals(point));
      assertThat(logsIn(http, email, newPassword))
          .as(point + ": the new password")
          .isEqualTo(changed);
      assertThat(logsIn(http, email, PASSWORD))
          .as(point + ": the old password")
          .isEqualTo(!changed);
      assertThat(
              http.post("/v1/sessions/refresh", "{\"refreshToken\":\"" + otherDevice + "\"}")
                  .statusCode())
          .as(point + ": the other device's session")
          .isEqualTo(401);
    }
  }

  @Test
  void givenAnErasureThatDiesBetweenAnyTwoWrites_thenTheAccountIsWhollyThereOrWhollyGone() {
    for (String point :
        List.of(
            CassandraEventStore.AFTER_LOG_ENTRIES,
            CassandraEventStore.AFTER_STREAM,
            ErasureTail.AFTER_DATA_KEY,
            ErasureTail.AFTER_SESSIONS)) {
      Http http = command();
      String email = uniqueEmail();
      UUID userId = UUID.fromString(http.register(email));
      JsonNode session = http.logIn(email, PASSWORD);

      crashDuring(
          point,
          () ->
              send(
                      http,
                      "DELETE",
                      "/v1/users/" + userId,
                      "{\"currentPassword\":\"" + PASSWORD + "\"}",
                      "Authorization",
                      bearer(session.get("accessToken").asText()))
                  .ifPresent(CrashPointsIT::assertNoSuccess));

      boolean erased = EventTypes.USER_ERASED.equals(last(SEED.events().readStream(userId)).type());
      assertThat(erased).as(point).isEqualTo(!CassandraEventStore.AFTER_LOG_ENTRIES.equals(point));
      if (!erased) {
        assertThat(logsIn(http, email, PASSWORD)).as(point).isTrue();
        continue;
      }
      assertThat(logsIn(http, email, PASSWORD)).as(point + ": an erased account logs in").isFalse();
      await(point)
          .untilAsserted(
              () -> {
                assertThat(SEED.dataKeyExists(userId)).as("data key").isFalse();
                assertThat(
                        http.post(
                                "/v1/sessions/refresh",
                                "{\"refreshToken\":\""
                                    + session.get("refreshToken").asText()
                                    + "\"}")
                            .statusCode())
                    .as("refresh")
                    .isEqualTo(401);
                assertThat(STORES.searchDocument(ReadStores.alias(), userId))
                    .as("search document")
                    .isEmpty();
                assertThat(STORES.cacheDocument(userId)).as("cache document").isEmpty();
              });
      await(point)
          .until(
              () -> http.post("/v1/users", registrationJson(email, PASSWORD)).statusCode() == 201);
    }
  }

  private static ConditionFactory await(String point) {
    return Awaitility.await().alias(point).atMost(SETTLED).pollInterval(Duration.ofMillis(500));
  }

  private static boolean logsIn(Http http, String email, String password) {
    return http.post(
                "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
            .statusCode()
        == 200;
  }

  /** The account a log-in with these details opens, or null when it is refused. */
  private static String loggedInUser(Http http, String email) {
    HttpResponse<String> session =
        http.post(
            "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    return session.statusCode() == 200 ? Http.json(session).get("userId").asText() : null;
  }

  private static StoredEvent last(List<StoredEvent> stream) {
    return stream.get(stream.size() - 1);
  }

  /** Accounts whose credential holds the same email key as this one's and that are not erased. */
  private static long liveAccountsWithTheEmailKeyOf(UUID userId) {
    String ks = SEED.connector().keyspace();
    Row mine =
        SEED.connector()
            .session()
            .execute(
                "SELECT email_key FROM " + ks + ".user_events WHERE user_id = ? LIMIT 1", userId)
            .one();
    return SEED
        .connector()
        .session()
        .execute(
            "SELECT user_id, email_key, erased FROM "
                + ks
                + ".user_events"
                + " PER PARTITION LIMIT 1")
        .all()
        .stream()
        .filter(row -> mine.getString("email_key").equals(row.getString("email_key")))
        .filter(row -> row.isNull("erased") || !row.getBool("erased"))
        .count();
  }
}
