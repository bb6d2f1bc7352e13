package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.HostileInputs;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Thousands of generated hostile requests at every public endpoint of user-command: wrong types,
 * huge numbers, deep nesting, invalid UTF-8, control characters, long strings, missing and
 * duplicated fields, odd headers and query strings, and registrations that are right but for one
 * field. None may get a 5xx or anything but problem+json, and a refused registration leaves no
 * email reservation behind (the emails the generated requests use are watched).
 */
class HostileInputIT {
  private static DropwizardAppExtension<UserCommandConfiguration> app;
  private static CassandraConnector cassandra;
  private static EmailKeys emailKeys;
  private static final List<String> FIELDS =
      List.of(
          "email",
          "password",
          "firstName",
          "lastName",
          "country",
          "phone",
          "locale",
          "refreshToken",
          "currentPassword",
          "newPassword",
          "clientId",
          "clientSecret",
          "verificationId",
          "token");
  private static final List<String> WATCHED =
      List.of(
          UserCommandApp.uniqueEmail(), UserCommandApp.uniqueEmail(), UserCommandApp.uniqueEmail());

  /** Watched emails a generated registration did register (201). */
  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    app = UserCommandApp.extension();
    app.before();
    cassandra = new CassandraConnector(TestStack.cassandra());
    emailKeys = new EmailKeys(app.getConfiguration().emailLookupSecret());
  }

  @AfterAll
  static void stop() {
    cassandra.stop();
    app.after();
  }

  private static Gen<String> endpoints() {
    return HostileInputs.pick(
        "POST /v1/users",
        "POST /v1/sessions",
        "POST /v1/sessions/refresh",
        "PATCH /v1/users/00000000-0000-0000-0000-000000000001",
        "PUT /v1/users/not-a-uuid/password",
        "DELETE /v1/sessions/current",
        "POST /internal/service-tokens",
        "POST /internal/users/00000000-0000-0000-0000-000000000001/phone-verified",
        "DELETE /v1/users/x",
        "POST /v1/password-resets",
        "POST /v1/password-resets/confirm",
        "POST /v1/email-verifications",
        "POST /v1/email-verifications/confirm");
  }

  private static Gen<byte[]> bodies() {
    return Generate.frequency(
        Pair.of(3, HostileInputs.bodies(FIELDS, List.of())),
        Pair.of(1, HostileInputs.bodies(FIELDS, plausible())),
        Pair.of(2, nearlyRightRegistrations()));
  }

  private static List<String> plausible() {
    List<String> values = new ArrayList<>(WATCHED);
    values.addAll(
        List.of(
            UserCommandApp.PASSWORD,
            "Grace",
            "Hopper",
            "US",
            "+447700900123",
            "en-GB",
            "verification"));
    return values;
  }

  /**
   * A registration of a watched email that is right but for one field: wrong, missing or given
   * twice.
   */
  private static Gen<byte[]> nearlyRightRegistrations() {
    return HostileInputs.pick(WATCHED)
        .zip(
            HostileInputs.pick(
                "email", "password", "firstName", "lastName", "country", "phone", "locale"),
            HostileInputs.pick("wrong", "missing", "twice", "right"),
            HostileInputs.jsonValues(),
            (email, field, how, value) -> {
              Map<String, String> members =
                  new LinkedHashMap<>(
                      Map.of(
                          "email",
                          HostileInputs.quoted(email),
                          "password",
                          HostileInputs.quoted(UserCommandApp.PASSWORD),
                          "firstName",
                          "\"Grace\"",
                          "lastName",
                          "\"Hopper\"",
                          "country",
                          "\"US\"",
                          "phone",
                          "\"+447700900123\"",
                          "locale",
                          "\"en-GB\""));
              List<String> json = new ArrayList<>();
              members.forEach(
                  (name, right) -> {
                    if (!name.equals(field) || how.equals("right")) {
                      json.add(HostileInputs.quoted(name) + ":" + right);
                    } else if (how.equals("wrong")) {
                      json.add(HostileInputs.quoted(name) + ":" + value);
                    } else if (how.equals("twice")) {
                      json.add(HostileInputs.quoted(name) + ":" + right);
                      json.add(HostileInputs.quoted(name) + ":" + value);
                    }
                  });
              return ("{" + String.join(",", json) + "}").getBytes(StandardCharsets.UTF_8);
            });
  }

  private static Gen<String> contentTypes() {
    return HostileInputs.frequencyOf(
        2, Generate.constant("application/json"), 1, HostileInputs.contentTypes());
  }

  /** One generated request. */
  record Attempt(
      String endpoint,
      byte[] body,
      String contentType,
      String authorization,
      String idempotencyKey) {
    String method() {
      return endpoint.split(" ", 2)[0];
    }

    String path() {
      return endpoint.split(" ", 2)[1];
    }

    @Override
    public String toString() {
      return HostileInputs.describe(method(), path(), body);
    }
  }

  private static Gen<Attempt> attempts() {
    Gen<String> endpoints = endpoints();
    Gen<byte[]> bodies = bodies();
    Gen<String> contentTypes = contentTypes();
    Gen<String> headerValues = HostileInputs.headerValues();
    return in ->
        new Attempt(
            endpoints.generate(in),
            bodies.generate(in),
            contentTypes.generate(in),
            headerValues.generate(in),
            headerValues.generate(in));
  }

  @Test
  void noHostileRequestGetsA5xxOrAnythingButProblemJsonOrLeavesAReservation() {
    HostileInputs.check(
        HostileInputs.cases(),
        attempts(),
        attempt -> {
          // Given a generated request
          HttpRequest request =
              HostileInputs.request(
                  app.getLocalPort(),
                  attempt.method(),
                  attempt.path(),
                  attempt.body(),
                  "Content-Type",
                  attempt.contentType(),
                  "Authorization",
                  attempt.authorization(),
                  "Idempotency-Key",
                  attempt.idempotencyKey());

          // When it is sent
          HttpResponse<String> response = HostileInputs.send(request);

          // Then the answer is well behaved, and a refusal leaves no reservation of a watched email
          String what = attempt.toString();
          HostileInputs.assertWellBehaved(response, what);
          if (response.statusCode() == 201) {
            String sent = new String(attempt.body(), StandardCharsets.UTF_8);
            WATCHED.stream().filter(sent::contains).forEach(REGISTERED::add);
          }
          if (response.statusCode() >= 400) {
            for (String email : WATCHED) {
              assertThat(reserved(email))
                  .as(
                      "a reservation of %s after %s answered %s",
                      email, what, response.statusCode())
                  .isEqualTo(REGISTERED.contains(email));
            }
          }
        });
  }

  private static boolean reserved(String email) {
    return cassandra
            .session()
            .execute(
                "SELECT state FROM "
                    + cassandra.keyspace()
                    + ".email_reservations WHERE email_key = ?",
                emailKeys.keyOf(email))
            .one()
        != null;
  }
}
