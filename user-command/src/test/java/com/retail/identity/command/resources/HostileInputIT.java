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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated hostile requests at every public endpoint of user-command: wrong types,
 * huge numbers, deep nesting, invalid UTF-8, control characters, long strings, missing and
 * duplicated fields, odd headers and query strings, and registrations that are right but for one
 * field. None may get a 5xx or anything but problem+json, and a refused registration leaves no email
 * reservation behind (the emails the generated requests use are watched).
 */
class HostileInputIT {
  private static DropwizardAppExtension<UserCommandConfiguration> app;
  private static CassandraConnector cassandra;
  private static EmailKeys emailKeys;
  private static final List<String> FIELDS = List.of("email", "password", "firstName", "lastName", "country", "phone",
      "locale", "refreshToken", "currentPassword", "newPassword", "clientId", "clientSecret", "verificationId");
  private static final List<String> WATCHED = List.of(UserCommandApp.uniqueEmail(), UserCommandApp.uniqueEmail(),
      UserCommandApp.uniqueEmail());
  /** Watched emails a generated registration did register (201). */
  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  @BeforeContainer
  static void start() throws Exception {
    app = UserCommandApp.extension();
    app.before();
    cassandra = new CassandraConnector(TestStack.cassandra());
    emailKeys = new EmailKeys(app.getConfiguration().emailLookupSecret());
  }

  @AfterContainer
  static void stop() {
    cassandra.stop();
    app.after();
  }

  @Provide
  Arbitrary<String> endpoints() {
    return Arbitraries.of("POST /v1/users", "POST /v1/sessions", "POST /v1/sessions/refresh",
        "PATCH /v1/users/00000000-0000-0000-0000-000000000001", "PUT /v1/users/not-a-uuid/password",
        "DELETE /v1/sessions/current", "POST /internal/service-tokens",
        "POST /internal/users/00000000-0000-0000-0000-000000000001/phone-verified", "DELETE /v1/users/x");
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(Tuple.of(3, HostileInputs.bodies(FIELDS, List.of())),
        Tuple.of(1, HostileInputs.bodies(FIELDS, plausible())), Tuple.of(2, nearlyRightRegistrations()));
  }

  private static List<String> plausible() {
    List<String> values = new ArrayList<>(WATCHED);
    values.addAll(List.of(UserCommandApp.PASSWORD, "Grace", "Hopper", "US", "+447700900123", "en-GB", "verification"));
    return values;
  }

  /** A registration of a watched email that is right but for one field: wrong, missing or given twice. */
  private static Arbitrary<byte[]> nearlyRightRegistrations() {
    return Combinators.combine(Arbitraries.of(WATCHED), Arbitraries.of("email", "password", "firstName", "lastName",
            "country", "phone", "locale"), Arbitraries.of("wrong", "missing", "twice", "right"), HostileInputs.jsonValues())
        .as((email, field, how, value) -> {
          Map<String, String> members = new LinkedHashMap<>(Map.of("email", HostileInputs.quoted(email),
              "password", HostileInputs.quoted(UserCommandApp.PASSWORD), "firstName", "\"Grace\"", "lastName", "\"Hopper\"",
              "country", "\"US\"", "phone", "\"+447700900123\"", "locale", "\"en-GB\""));
          List<String> json = new ArrayList<>();
          members.forEach((name, right) -> {
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

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("application/json")), Tuple.of(1, HostileInputs.contentTypes()));
  }

  @Provide
  Arbitrary<String> headerValues() {
    return HostileInputs.headerValues();
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
  void noHostileRequestGetsA5xxOrAnythingButProblemJsonOrLeavesAReservation(@ForAll("endpoints") String endpoint,
      @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType,
      @ForAll("headerValues") String authorization, @ForAll("headerValues") String idempotencyKey) throws Exception {
    String[] parts = endpoint.split(" ", 2);
    HttpRequest request = HostileInputs.request(app.getLocalPort(), parts[0], parts[1], body,
        "Content-Type", contentType, "Authorization", authorization, "Idempotency-Key", idempotencyKey);

    HttpResponse<String> response = HostileInputs.send(request);

    String what = HostileInputs.describe(parts[0], parts[1], body);
    HostileInputs.assertWellBehaved(response, what);
    if (response.statusCode() == 201) {
      String sent = new String(body, StandardCharsets.UTF_8);
      WATCHED.stream().filter(sent::contains).forEach(REGISTERED::add);
    }
    if (response.statusCode() >= 400) {
      for (String email : WATCHED) {
        assertThat(reserved(email)).as("a reservation of %s after %s answered %s", email, what, response.statusCode())
            .isEqualTo(REGISTERED.contains(email));
      }
    }
  }

  private static boolean reserved(String email) {
    return cassandra.session().execute("SELECT state FROM " + cassandra.keyspace() + ".email_reservations WHERE email_key = ?",
        emailKeys.keyOf(email)).one() != null;
  }
}
