package com.retail.identity.command.resources;

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
import com.retail.identity.command.cli.LocalAdminSeed;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs in local mode, so the seeded admin account exists. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountChangesIT {
  /** The body of an owner's erasure: the current password, proven again. */
  private static final String CURRENT_PASSWORD = "{\"currentPassword\":\"" + PASSWORD + "\"}";

  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(Map.of("mode", "LOCAL"));

  private String tokenOf(Http http, String email) {
    return http.logIn(email, PASSWORD).get("accessToken").asText();
  }

  @Test
  void aProfileChangeAtTheCurrentVersionApplies() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);

    HttpResponse<String> patched =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"firstName\":\"Ada\",\"country\":\"GB\"}",
            "Authorization",
            bearer(tokenOf(http, email)),
            "If-Match",
            "\"1\"");

    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(Http.json(patched).get("version").asLong()).isEqualTo(2);
    assertThat(patched.headers().firstValue("ETag")).hasValue("\"2\"");
  }

  @Test
  void aChangeBasedOnAStaleVersionIs412() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = tokenOf(http, email);
    http.send(
        "PATCH", "/v1/users/" + userId, "{\"lastName\":\"King\"}", "Authorization", bearer(token));

    HttpResponse<String> stale =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"lastName\":\"Byron\"}",
            "Authorization",
            bearer(token),
            "If-Match",
            "1");

    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(Http.json(stale).get("type").asText()).endsWith("/precondition-failed");
  }

  @Test
  void
      givenAVersionOneAccount_whenIfMatchNamesAVersionItNeverHad_thenEachIs412AndTheStreamStaysAtOne() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = tokenOf(http, email);

    for (String wrong : new String[] {"5", "\"-2\"", "0", "2"}) {
      HttpResponse<String> refused =
          http.send(
              "PATCH",
              "/v1/users/" + userId,
              "{\"lastName\":\"Byron\"}",
              "Authorization",
              bearer(token),
              "If-Match",
              wrong);
      assertThat(refused.statusCode()).as("If-Match %s", wrong).isEqualTo(412);
    }
    HttpResponse<String> current =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"lastName\":\"Byron\"}",
            "Authorization",
            bearer(token),
            "If-Match",
            "1");

    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(Http.json(current).get("version").asLong()).as("no gap before it").isEqualTo(2);
  }

  @Test
  void givenIfMatchThatIsNotANumber_whenAnyWriteCarriesIt_thenItIs400NamingTheHeader() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = tokenOf(http, email);

    HttpResponse<String> patch =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"lastName\":\"Byron\"}",
            "Authorization",
            bearer(token),
            "If-Match",
            "latest");
    HttpResponse<String> erase =
        http.send(
            "DELETE",
            "/v1/users/" + userId,
            null,
            "Authorization",
            bearer(token),
            "If-Match",
            "one");

    for (HttpResponse<String> refused : List.of(patch, erase)) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("If-Match");
    }
  }

  @Test
  void givenAStaleIfMatch_whenTheCustomerChangesThePasswordOrErases_thenNothingChanges() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = tokenOf(http, email);
    http.send(
        "PATCH", "/v1/users/" + userId, "{\"lastName\":\"King\"}", "Authorization", bearer(token));

    HttpResponse<String> password =
        http.send(
            "PUT",
            "/v1/users/" + userId + "/password",
            "{\"currentPassword\":\""
                + PASSWORD
                + "\",\"newPassword\":\"crimson-Window-58-harbour!\"}",
            "Authorization",
            bearer(token),
            "If-Match",
            "1");
    HttpResponse<String> erase =
        http.send(
            "DELETE",
            "/v1/users/" + userId,
            CURRENT_PASSWORD,
            "Authorization",
            bearer(token),
            "If-Match",
            "1");

    assertThat(password.statusCode()).isEqualTo(412);
    assertThat(erase.statusCode()).isEqualTo(412);
    assertThat(http.logIn(email, PASSWORD).get("userId").asText())
        .as("the old password still works")
        .isEqualTo(userId);
    HttpResponse<String> atCurrent =
        http.send(
            "DELETE",
            "/v1/users/" + userId,
            CURRENT_PASSWORD,
            "Authorization",
            bearer(token),
            "If-Match",
            "2");
    assertThat(atCurrent.statusCode()).isEqualTo(204);
  }

  @Test
  void invalidFieldsOfAChangeAreNamed() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);

    HttpResponse<String> bad =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"firstName\":\"bad\\u0007name\",\"country\":\"XX\",\"locale\":\"not a tag\",\"email\":\"x@y.z\"}",
            "Authorization",
            bearer(tokenOf(http, email)));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("\"field\":\"firstName\"")
        .contains("\"field\":\"country\"")
        .contains("\"field\":\"locale\"")
        .contains("\"field\":\"email\"");
  }

  @Test
  void oneCustomerCannotChangeOrEraseAnother() {
    Http http = new Http(APP.getLocalPort());
    String victim = http.register(uniqueEmail());
    String attackerEmail = uniqueEmail();
    http.register(attackerEmail);
    String token = tokenOf(http, attackerEmail);

    assertThat(
            http.send(
                    "PATCH",
                    "/v1/users/" + victim,
                    "{\"lastName\":\"X\"}",
                    "Authorization",
                    bearer(token))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.send("DELETE", "/v1/users/" + victim, null, "Authorization", bearer(token))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            http.send(
                    "PUT",
                    "/v1/users/" + victim + "/password",
                    "{\"currentPassword\":\"x\",\"newPassword\":\"" + PASSWORD + "-new\"}",
                    "Authorization",
                    bearer(token))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anErasedCustomerIsGoneAndTheirEmailIsFreeAgain() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);

    HttpResponse<String> erased =
        http.send(
            "DELETE",
            "/v1/users/" + userId,
            CURRENT_PASSWORD,
            "Authorization",
            bearer(tokenOf(http, email)));

    assertThat(erased.statusCode()).isEqualTo(204);
    HttpResponse<String> login =
        http.post(
            "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(login.statusCode()).isEqualTo(401);
    HttpResponse<String> again = http.post("/v1/users", registrationJson(email, PASSWORD));
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(Http.json(again).get("userId").asText()).isNotEqualTo(userId);
  }

  @Test
  void
      givenOnlyTheOwnersToken_whenErasingOrChangingThePhoneWithoutTheCurrentPassword_thenRefused() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = tokenOf(http, email);

    for (String body : new String[] {null, "{}", "{\"currentPassword\":\"not-it-Quarry-1!\"}"}) {
      HttpResponse<String> erase =
          http.send("DELETE", "/v1/users/" + userId, body, "Authorization", bearer(token));
      HttpResponse<String> phone =
          http.send(
              "PATCH",
              "/v1/users/" + userId,
              body == null
                  ? "{\"phone\":\"+14155552671\"}"
                  : body.replace(
                      "}", (body.length() > 2 ? "," : "") + "\"phone\":\"+14155552671\"}"),
              "Authorization",
              bearer(token));

      for (HttpResponse<String> refused : List.of(erase, phone)) {
        assertThat(refused.statusCode())
            .as("%s %s", refused.request().method(), body)
            .isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
        assertThat(Http.json(refused).get("errors").get(0).get("field").asText())
            .isEqualTo("currentPassword");
      }
    }
    assertThat(http.logIn(email, PASSWORD).get("userId").asText())
        .as("the account is whole")
        .isEqualTo(userId);

    HttpResponse<String> withProof =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"currentPassword\":\"" + PASSWORD + "\",\"phone\":\"+14155552671\"}",
            "Authorization",
            bearer(token));
    assertThat(withProof.statusCode()).as(withProof.body()).isEqualTo(200);
  }

  @Test
  void theLocalAdminMayEraseAnyone_andTheErasureIsAuditedAsTheirs() {
    Http http = new Http(APP.getLocalPort());
    String userId = http.register(uniqueEmail());
    JsonNode login = http.logIn(LocalAdminSeed.EMAIL, LocalAdminSeed.DEFAULT_PASSWORD);
    String admin = login.get("accessToken").asText();
    Instant before = Instant.now().minusSeconds(5);

    HttpResponse<String> erased =
        http.send(
            "DELETE",
            "/v1/users/" + userId,
            null,
            "Authorization",
            bearer(admin),
            "Audit-Reason",
            "erasure request 31");
    assertThat(erased.statusCode()).isEqualTo(204);
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      List<AuditEntry> trail =
          new CassandraAuditTrail(cassandra)
              .find(new AuditQuery(userId, null, before, Instant.now().plusSeconds(5), null, 10));
      assertThat(trail)
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.action()).isEqualTo(AuditAction.ERASE_ACCOUNT);
                assertThat(entry.actor()).isEqualTo(login.get("userId").asText());
                assertThat(entry.reason()).isEqualTo("erasure request 31");
                assertThat(entry.service()).isEqualTo("user-command");
                assertThat(entry.requestId())
                    .isEqualTo(erased.headers().firstValue("X-Request-Id").orElseThrow());
              });
    }
    assertThat(
            http.send(
                    "DELETE",
                    "/v1/users/" + UUID.randomUUID(),
                    null,
                    "Authorization",
                    bearer(admin))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void
      givenPasswordChangesInFlight_whenTheirOwnersErase_thenNothingFollowsTheErasureAndNoHashComesBack()
          throws Exception {
    // Given customers whose password change is hashing (two Argon2id runs) while they erase their
    // account
    Http http = new Http(APP.getLocalPort());
    String admin =
        http.logIn(LocalAdminSeed.EMAIL, LocalAdminSeed.DEFAULT_PASSWORD)
            .get("accessToken")
            .asText();
    ExecutorService changes = Executors.newFixedThreadPool(8);
    List<UUID> users = new ArrayList<>();
    List<Future<HttpResponse<String>>> passwordChanges = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        String email = uniqueEmail();
        UUID userId = UUID.fromString(http.register(email));
        String token = tokenOf(http, email);
        users.add(userId);
        passwordChanges.add(
            changes.submit(
                () ->
                    http.send(
                        "PUT",
                        "/v1/users/" + userId + "/password",
                        "{\"currentPassword\":\""
                            + PASSWORD
                            + "\",\"newPassword\":\"amber-Quarry-58-kestrel?\"}",
                        "Authorization",
                        bearer(token))));
        Thread.sleep(20);

        // When the account is erased meanwhile (by an admin: the customer's proof would race the
        // change it is testing)
        assertThat(
                http.send("DELETE", "/v1/users/" + userId, null, "Authorization", bearer(admin))
                    .statusCode())
            .isEqualTo(204);
      }
      for (Future<HttpResponse<String>> change : passwordChanges) {
        assertThat(change.get(30, TimeUnit.SECONDS).statusCode()).isIn(204, 401, 404);
      }
    } finally {
      changes.shutdownNow();
    }

    // Then every stream ends with its erasure, and no erased credential holds a password hash
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      for (UUID userId : users) {
        List<Row> rows =
            cassandra
                .session()
                .execute(
                    "SELECT seq, event_type, password_hash, erased FROM "
                        + cassandra.keyspace()
                        + ".user_events WHERE user_id = ?",
                    userId)
                .all();
        List<String> types =
            rows.stream()
                .filter(r -> !r.isNull("seq"))
                .map(r -> r.getString("event_type"))
                .toList();
        assertThat(types)
            .as("stream of %s", userId)
            .endsWith("UserErased")
            .containsOnlyOnce("UserErased");
        assertThat(rows.get(0).getBool("erased")).isTrue();
        assertThat(rows.get(0).getString("password_hash")).as("hash of erased %s", userId).isNull();
      }
    }
  }
}
