package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.driver.core.Row;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.testing.Load;
import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cassandra goes away while customers register and log in, and comes back. In a keyspace of its own
 * (so every reservation and stream in it is this test's): answers are 201/200 or a fast 503, and
 * once the reaper has run, every email reservation is confirmed and backs a live user, and every
 * live user holds one; every customer told 201 logs in.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CassandraOutageUnderLoadIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_outage";
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(
          Map.of(
              "eureka.enabled", "false",
              "cassandra.keyspace", KEYSPACE,
              "reservations.abandonedAfter", "3 seconds",
              "reservations.reaperInterval", "500 milliseconds",
              "reservations.reaperLookback", "5 minutes"));

  /** A generous client timeout: a 503 comes fast, but this machine may be busy. */
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, UUID> registered = new ConcurrentHashMap<>();
  private Map<String, Long> counts;

  @AfterEach
  void cassandraIsBack() {
    StoreControl.start("cassandra");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Each client registers a new customer, then logs in as it (or as an earlier one when that
   * failed).
   */
  private void customer(int client, long i, Load load) throws Exception {
    String email = uniqueEmail();
    HttpResponse<String> registration =
        load.record("register", post("/v1/users", registrationJson(email, PASSWORD)));
    if (registration.statusCode() == 201) {
      registered.put(email, UUID.fromString(Http.json(registration).get("userId").asText()));
    } else if (registration.statusCode() != 503) {
      load.violation(
          "registration answered " + registration.statusCode() + " " + registration.body());
    }
    String known = registered.keySet().stream().findAny().orElse(email);
    HttpResponse<String> login =
        load.record(
            "login",
            post(
                "/v1/sessions", "{\"email\":\"" + known + "\",\"password\":\"" + PASSWORD + "\"}"));
    if (login.statusCode() != 200 && login.statusCode() != 503) {
      load.violation("login answered " + login.statusCode() + " " + login.body());
    }
  }

  @Test
  void registrationsAndLoginsFailFastWhileCassandraIsDown_andNoReservationOrUserIsLeftAlone()
      throws Exception {
    try (Load load = Load.start("cassandra-outage", 4, this::customer)) {
      load.until(Duration.ofSeconds(120), l -> l.count("before", "register", 201) >= 12);

      // When Cassandra stops under load
      load.phase("down");
      StoreControl.stop("cassandra");

      // Then registrations and logins answer 503 (checked on every answer by the load), many of
      // them
      load.until(
          Duration.ofSeconds(120),
          l -> l.count("down", "register", 503) >= 20 && l.count("down", "login", 503) >= 20);

      // And when it is back, without a restart, registrations succeed again
      load.phase("recovering");
      StoreControl.start("cassandra");
      load.until(Duration.ofSeconds(120), l -> l.count("recovering", "register", 201) >= 1);
      load.phase("after");
      load.until(Duration.ofSeconds(120), l -> l.count("after", "register", 201) >= 12);
      load.close();
      counts = load.counts();
      assertThat(load.violations())
          .as("answers no customer may see; counts %s", load.counts())
          .isEmpty();
    }

    // And once the reaper has settled what the outage left half done, reservations and users match
    // one to one
    try (CassandraConnector cassandra = connect()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                Map<UUID, String> reservedBy = new HashMap<>();
                for (Row row :
                    cassandra
                        .session()
                        .execute(
                            "SELECT email_key, user_id, state FROM "
                                + KEYSPACE
                                + ".email_reservations")) {
                  assertThat(row.getString("state"))
                      .as("reservation of %s", row.getUUID("user_id"))
                      .isEqualTo("active");
                  reservedBy.put(row.getUUID("user_id"), row.getString("email_key"));
                }
                Set<UUID> live = liveUsers(cassandra, KEYSPACE);
                assertThat(reservedBy.keySet()).as("users holding a reservation").isEqualTo(live);
                assertThat(live).as("every customer told 201").containsAll(registered.values());
              });
    }

    System.out.printf(
        "Cassandra outage under load: %s; reaper removed %d reservations, erased %d users%n",
        counts,
        APP.getEnvironment().metrics().counter("reservations.reaper.removed").getCount(),
        APP.getEnvironment().metrics().counter("reservations.reaper.erased").getCount());

    // And every customer told 201 logs in
    Http http = new Http(APP.getLocalPort());
    for (Map.Entry<String, UUID> customer : registered.entrySet()) {
      assertThat(http.logIn(customer.getKey(), PASSWORD).get("userId").asText())
          .isEqualTo(customer.getValue().toString());
    }
  }

  /** Users of the keyspace whose stream exists and does not end erased. */
  static Set<UUID> liveUsers(CassandraConnector cassandra, String keyspace) {
    Set<UUID> live = new HashSet<>();
    Map<UUID, String> last = new HashMap<>();
    for (Row row :
        cassandra
            .session()
            .execute("SELECT user_id, seq, event_type FROM " + keyspace + ".user_events")) {
      last.put(
          row.getUUID("user_id"),
          row.getString("event_type")); // rows of a stream come in seq order
    }
    last.forEach(
        (user, type) -> {
          if (!EventTypes.USER_ERASED.equals(type)) {
            live.add(user);
          }
        });
    return live;
  }

  private static CassandraConnector connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(KEYSPACE);
    return new CassandraConnector(settings);
  }
}
