package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Row;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customers on a bad network: each registration's connection drops before the answer arrives (the
 * socket is closed right after the request is sent, then a retry gives up before the server is
 * done), and the app retries with the same {@code Idempotency-Key} until it gets an answer. In a
 * keyspace of its own: exactly one account per key, and every answer names the same account.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RetriedRegistrationsIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_retries";
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(Map.of("eureka.enabled", "false", "cassandra.keyspace", KEYSPACE));
  private static final int CUSTOMERS = 12;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Map<String, Set<String>> accountsSeenByKey = new ConcurrentHashMap<>();
  private final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Sends the request whole, then closes the connection without reading a byte of the answer. */
  private void sendAndHangUp(String key, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Idempotency-Key: "
                  + key
                  + "\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
    }
  }

  private HttpResponse<String> send(String key, String body, Duration timeout) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/v1/users"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One customer: a dropped connection, a retry that times out, then retries until a final answer.
   */
  private String register(String email) throws Exception {
    String key = UUID.randomUUID().toString();
    String body = registrationJson(email, PASSWORD);
    sendAndHangUp(key, body);
    try {
      // Shorter than a password hash: the client gives up while the server still works.
      note(key, send(key, body, Duration.ofMillis(20)));
    } catch (HttpTimeoutException expected) {
      // the app's network gave up; it retries below
    }
    for (int attempt = 0; attempt < 60; attempt++) {
      HttpResponse<String> answer = send(key, body, Duration.ofSeconds(30));
      note(key, answer);
      if (answer.statusCode() == 201) {
        return key;
      }
      Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
    }
    throw new AssertionError("no final answer for " + key);
  }

  private void note(String key, HttpResponse<String> answer) {
    if (answer.statusCode() == 201) {
      accountsSeenByKey
          .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
          .add(Http.json(answer).get("userId").asText());
    } else if (!(answer.statusCode() == 409
        && answer.body().contains("/idempotency-in-progress"))) {
      unexpected.add(answer.statusCode() + " " + answer.body());
    }
  }

  @Test
  void givenDroppedConnectionsAndRetriesWithTheSameKey_thenExactlyOneAccountPerKey()
      throws Exception {
    Map<String, String> emailByKey = new ConcurrentHashMap<>();
    ExecutorService clients = Executors.newFixedThreadPool(3);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      done.add(
          clients.submit(
              () -> {
                String email = uniqueEmail();
                emailByKey.put(register(email), email);
                return null;
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    clients.shutdown();

    // Every key got answers naming one account, and nothing but 201 or "in progress"
    assertThat(unexpected).isEmpty();
    assertThat(accountsSeenByKey).hasSize(CUSTOMERS);
    accountsSeenByKey.forEach((key, accounts) -> assertThat(accounts).as(key).hasSize(1));

    // And the store holds exactly one user and one reservation per key (no registration ran twice)
    try (CassandraConnector cassandra = connect()) {
      Set<UUID> streams = new HashSet<>();
      for (Row row :
          cassandra
              .session()
              .execute("SELECT DISTINCT user_id FROM " + KEYSPACE + ".user_events")) {
        streams.add(row.getUUID("user_id"));
      }
      Set<UUID> answered = new HashSet<>();
      accountsSeenByKey
          .values()
          .forEach(ids -> ids.forEach(id -> answered.add(UUID.fromString(id))));
      assertThat(streams).isEqualTo(answered);
      assertThat(
              cassandra
                  .session()
                  .execute("SELECT count(*) FROM " + KEYSPACE + ".email_reservations")
                  .one()
                  .getLong(0))
          .isEqualTo(CUSTOMERS);
    }

    // And each customer logs in to the account the answers named
    Http http = new Http(APP.getLocalPort());
    for (Map.Entry<String, String> customer : emailByKey.entrySet()) {
      assertThat(http.logIn(customer.getValue(), PASSWORD).get("userId").asText())
          .isEqualTo(accountsSeenByKey.get(customer.getKey()).iterator().next());
    }
  }

  private static CassandraConnector connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(KEYSPACE);
    return new CassandraConnector(settings);
  }
}
