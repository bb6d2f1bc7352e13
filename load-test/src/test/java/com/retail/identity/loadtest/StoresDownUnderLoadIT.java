package com.retail.identity.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.driver.core.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandKey;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.testing.Load;
import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three services in this JVM under a steady load of customers (register, log in, read the
 * profile, start a phone verification) and an admin searching, while the search node, Couchbase,
 * Redis and the SMS endpoint go away in turn and come back. No answer is a 5xx other than a 503
 * with {@code Retry-After} as problem+json, and a 503 only where the feature cannot work without
 * that store; the Hystrix circuits in front of the store open and close again; nothing is
 * restarted; and once the projections have caught up, search and cache hold exactly the live users,
 * each at its latest version. A keyspace and index of its own, so every user in them is this
 * test's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StoresDownUnderLoadIT {
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  private static final String KEYSPACE = TestStack.keyspace() + "_faults";
  private static final String INDEX_PREFIX =
      TestStack.env("SEARCH_INDEX_PREFIX", "it-manual") + "-faults";
  private static final String COMMAND_APP = "IT-FAULTS-COMMAND-" + SUFFIX;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ADMIN_PASSWORD =
      TestStack.env("LOCAL_ADMIN_PASSWORD", "local-admin-pass-1");

  /** Circuits this test watches, opened after a few failures instead of 20. */
  private static final List<String> CIRCUITS =
      List.of("user-search", "profile-cache-get", "sms-send");

  /**
   * Admission control on, but one test address may register, log in and ask for codes as often as
   * the load does.
   */
  private static final Map<String, String> GENEROUS = generous();

  private static final SmsEndpoint SMS = new SmsEndpoint();

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of(
              "mode",
              "LOCAL", // seeds the admin account who searches
              "admissionControl",
              "true", // its Redis-down fallbacks are part of the test
              "cassandra.keyspace",
              KEYSPACE,
              "eureka.appName",
              COMMAND_APP,
              "eureka.vipAddress",
              COMMAND_APP.toLowerCase()));
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of(
              "cassandra.keyspace",
              KEYSPACE,
              "search.indexPrefix",
              INDEX_PREFIX,
              "eureka.appName",
              "IT-FAULTS-QUERY-" + SUFFIX,
              "userCommandVip",
              COMMAND_APP.toLowerCase()));
  static final DropwizardAppExtension<VerificationConfiguration> VERIFICATION =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          Map.of(
              "cassandra.keyspace",
              KEYSPACE,
              "sms.sender",
              "SNS",
              "sms.sns.endpoint",
              SMS.url(),
              "eureka.appName",
              "IT-FAULTS-VERIFICATION-" + SUFFIX,
              "userCommandVip",
              COMMAND_APP.toLowerCase()));

  /** 503 is what a customer may see only here: the feature needs the store that is away. */
  private static final Map<String, Set<String>> MAY_BE_UNAVAILABLE =
      Map.of(
          "search-down",
          Set.of("search"),
          "search-back",
          Set.of("search"),
          "redis-down",
          Set.of("verify"),
          "redis-back",
          Set.of("verify"),
          "sms-down",
          Set.of("verify"),
          "sms-back",
          Set.of("verify"));

  private static String adminToken;

  @AfterAll
  static void cleanUp() {
    for (String store : List.of("search", "couchbase", "redis")) {
      StoreControl.start(store);
    }
    SMS.stop();
    for (String circuit : CIRCUITS) {
      Knobs.clearOverride("hystrix.command." + circuit + ".circuitBreaker.requestVolumeThreshold");
    }
    GENEROUS.keySet().forEach(Knobs::clearOverride);
  }

  private static Map<String, String> generous() {
    Map<String, String> knobs = new HashMap<>();
    for (String action : List.of("register", "login")) {
      for (String dimension : List.of("address", "subnet", "device", "domain")) {
        knobs.put("identity.ratelimit." + action + "." + dimension + ".burst", "100000");
        knobs.put("identity.ratelimit." + action + "." + dimension + ".perMinute", "100000");
      }
    }
    knobs.put("identity.risk.maxAccountsPerAddress", "100000");
    knobs.put("identity.risk.minAttempts", "100000");
    // ... and the SMS toll-fraud budgets let every code of the load through (503 /sms-paused
    // otherwise)
    for (String budget : List.of("identity.sms.budget.default", "identity.sms.brake")) {
      knobs.put(budget + ".burst", "100000");
      knobs.put(budget + ".perMinute", "100000");
    }
    return knobs;
  }

  private static HttpResponse<String> send(
      int port, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String logIn(String email, String password) throws Exception {
    HttpResponse<String> session =
        send(
            COMMAND.getLocalPort(),
            "POST",
            "/v1/sessions",
            null,
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    return JSON.readTree(session.body()).get("accessToken").asText();
  }

  /** One customer's visit, and an admin search. */
  private static void visit(int client, long i, Load load) throws Exception {
    String email = UserCommandApp.uniqueEmail();
    HttpResponse<String> registration =
        load.record(
            "register",
            send(
                COMMAND.getLocalPort(),
                "POST",
                "/v1/users",
                null,
                UserCommandApp.registrationJson(email, UserCommandApp.PASSWORD)));
    if (registration.statusCode() != 201) {
      throw new IllegalStateException(
          "registration answered " + registration.statusCode() + " " + registration.body());
    }
    String userId = JSON.readTree(registration.body()).get("userId").asText();
    HttpResponse<String> session =
        load.record(
            "login",
            send(
                COMMAND.getLocalPort(),
                "POST",
                "/v1/sessions",
                null,
                "{\"email\":\"" + email + "\",\"password\":\"" + UserCommandApp.PASSWORD + "\"}"));
    if (session.statusCode() != 200) {
      throw new IllegalStateException(
          "login answered " + session.statusCode() + " " + session.body());
    }
    String token = JSON.readTree(session.body()).get("accessToken").asText();
    HttpResponse<String> profile =
        load.record("read", send(QUERY.getLocalPort(), "GET", "/v1/users/" + userId, token, null));
    load.tally("read-from", profile.headers().firstValue("X-Profile-Source").orElse("none"));
    load.record(
        "search", send(QUERY.getLocalPort(), "GET", "/v1/users?q=grace&size=5", adminToken, null));
    load.record(
        "verify",
        send(
            VERIFICATION.getLocalPort(),
            "POST",
            "/v1/verifications",
            token,
            "{\"phone\":\"+49151"
                + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000))
                + "\"}"));
  }

  private static boolean circuitOpen(String command) {
    HystrixCircuitBreaker breaker =
        HystrixCircuitBreaker.Factory.getInstance(HystrixCommandKey.Factory.asKey(command));
    return breaker != null && breaker.isOpen();
  }

  @Test
  void storesGoAwayInTurnUnderLoad_customersSeeOnlyWhatCannotWork_andTheReadModelsEndExact()
      throws Exception {
    for (String circuit : CIRCUITS) {
      Knobs.override("hystrix.command." + circuit + ".circuitBreaker.requestVolumeThreshold", "4");
    }
    GENEROUS.forEach(Knobs::override);
    adminToken = logIn("admin@local.test", ADMIN_PASSWORD);
    // The read side and verification find user-command's keys through Eureka first.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                send(QUERY.getLocalPort(), "GET", "/v1/users?q=x", adminToken, null).statusCode()
                    == 200);
    // The first code request fetches the issuer's keys and opens the SNS client: on a busy machine
    // that
    // can outlast a Hystrix timeout once. Warm it up so the "before" phase measures the steady
    // state.
    String warmEmail = UserCommandApp.uniqueEmail();
    send(
        COMMAND.getLocalPort(),
        "POST",
        "/v1/users",
        null,
        UserCommandApp.registrationJson(warmEmail, UserCommandApp.PASSWORD));
    String warmToken = logIn(warmEmail, UserCommandApp.PASSWORD);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                send(
                            VERIFICATION.getLocalPort(),
                            "POST",
                            "/v1/verifications",
                            warmToken,
                            "{\"phone\":\"+49151"
                                + String.format(
                                    "%08d", ThreadLocalRandom.current().nextInt(100_000_000))
                                + "\"}")
                        .statusCode()
                    == 202);

    try (Load load = Load.start("stores-down", 4, StoresDownUnderLoadIT::visit)) {
      load.until(
          Duration.ofSeconds(180),
          l -> l.count("before", "read", 200) >= 8 && l.count("before", "verify", 202) >= 4);

      // The search node goes away: admin search answers 503, its circuit opens; it comes back and
      // closes
      load.phase("search-down");
      StoreControl.stop("search");
      load.until(
          Duration.ofSeconds(120),
          l -> l.count("search-down", "search", 503) >= 5 && circuitOpen("user-search"));
      load.phase("search-back");
      StoreControl.start("search");
      load.until(
          Duration.ofSeconds(180),
          l -> l.count("search-back", "search", 200) >= 3 && !circuitOpen("user-search"));

      // Couchbase goes away: profiles still read (from search or the stream), its circuit opens and
      // closes again
      load.phase("cache-down");
      StoreControl.stop("couchbase");
      load.until(
          Duration.ofSeconds(120),
          l -> l.count("cache-down", "read", 200) >= 8 && circuitOpen("profile-cache-get"));
      load.phase("cache-back");
      StoreControl.start("couchbase");
      load.until(
          Duration.ofSeconds(180),
          l ->
              l.count("cache-back", "read-from", "cache") >= 5
                  && !circuitOpen("profile-cache-get"));

      // Redis goes away: sign-up, login and reads go on; phone codes cannot be kept, so they answer
      // 503
      load.phase("redis-down");
      StoreControl.stop("redis");
      load.until(
          Duration.ofSeconds(120),
          l ->
              l.count("redis-down", "verify", 503) >= 3
                  && l.count("redis-down", "login", 200) >= 3);
      load.phase("redis-back");
      StoreControl.start("redis");
      load.until(Duration.ofSeconds(120), l -> l.count("redis-back", "verify", 202) >= 3);

      // The SMS endpoint goes away: codes are not sent (503), the circuit opens; it comes back and
      // closes
      load.phase("sms-down");
      SMS.stop();
      load.until(
          Duration.ofSeconds(120),
          l -> l.count("sms-down", "verify", 503) >= 5 && circuitOpen("sms-send"));
      load.phase("sms-back");
      SMS.start();
      load.until(
          Duration.ofSeconds(120),
          l -> l.count("sms-back", "verify", 202) >= 3 && !circuitOpen("sms-send"));

      load.phase("after");
      load.until(Duration.ofSeconds(120), l -> l.count("after", "register", 201) >= 4);
      load.close();

      assertThat(load.violations())
          .as("answers no customer may see; counts %s", load.counts())
          .isEmpty();
      load.counts()
          .forEach(
              (key, count) -> {
                String[] parts = key.split("/"); // phase/operation/status
                if (parts.length == 3 && parts[2].equals("503")) {
                  assertThat(MAY_BE_UNAVAILABLE.getOrDefault(parts[0], Set.of()))
                      .as("503 on %s in %s (%d times)", parts[1], parts[0], count)
                      .contains(parts[1]);
                } else if (parts.length == 3 && !parts[1].equals("read-from")) {
                  assertThat(parts[2])
                      .as("%s in %s (%d times)", parts[1], parts[0], count)
                      .isIn("200", "201", "202");
                }
              });
      System.out.printf("Stores down under load: %s%n", load.counts());
    }

    // Once the projections have caught up: search and cache hold every live user once, at its
    // latest version
    try (CassandraConnector cassandra = connect()) {
      Map<UUID, Long> live = liveUsers(cassandra);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(searchCount()).as("search documents").isEqualTo(live.size());
                for (Map.Entry<UUID, Long> user : live.entrySet()) {
                  HttpResponse<String> profile =
                      send(
                          QUERY.getLocalPort(),
                          "GET",
                          "/v1/users/" + user.getKey(),
                          adminToken,
                          null);
                  assertThat(profile.headers().firstValue("X-Profile-Source"))
                      .as("source of " + user.getKey())
                      .hasValue("cache");
                  assertThat(JSON.readTree(profile.body()).path("version").asLong())
                      .isEqualTo(user.getValue());
                }
              });
      System.out.printf(
          "Stores down under load: %d live users, each once in search and in the cache%n",
          live.size());
    }
  }

  /** Live users (stream not ending erased) and their stream versions. */
  private static Map<UUID, Long> liveUsers(CassandraConnector cassandra) {
    Map<UUID, Long> versions = new HashMap<>();
    Map<UUID, String> last = new HashMap<>();
    for (Row row :
        cassandra
            .session()
            .execute("SELECT user_id, seq, event_type FROM " + KEYSPACE + ".user_events")) {
      versions.put(row.getUUID("user_id"), row.getLong("seq"));
      last.put(row.getUUID("user_id"), row.getString("event_type"));
    }
    last.forEach(
        (user, type) -> {
          if (EventTypes.USER_ERASED.equals(type)) {
            versions.remove(user);
          }
        });
    return versions;
  }

  private static long searchCount() throws Exception {
    String alias = INDEX_PREFIX + "-profiles";
    URI base = URI.create("http://127.0.0.1:" + TestStack.searchPort() + "/" + alias);
    HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> count =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/_count")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(count.body());
    return body.path("count").asLong(-1);
  }

  private static CassandraConnector connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(KEYSPACE);
    return new CassandraConnector(settings);
  }

  /**
   * A stand-in for SNS on a fixed loopback port: answers every Publish, and can go away and come
   * back.
   */
  static final class SmsEndpoint {
    private final int port;
    private HttpServer server;
    private boolean running;

    SmsEndpoint() {
      start();
      port = server.getAddress().getPort();
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
      try {
        server =
            HttpServer.create(new InetSocketAddress("127.0.0.1", server == null ? 0 : port), 50);
      } catch (IOException e) {
        throw new IllegalStateException("cannot listen for SMS", e);
      }
      server.createContext(
          "/",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body =
                ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                        + UUID.randomUUID()
                        + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                        + UUID.randomUUID()
                        + "</RequestId></ResponseMetadata></PublishResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      running = true;
    }

    synchronized void stop() {
      if (running) {
        server.stop(0);
        running = false;
      }
    }
  }
}
