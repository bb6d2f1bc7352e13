package com.retail.identity.verification.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.config.ConfigurationManager;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.verification.config.ServiceClientSettings;
import com.retail.identity.verification.core.UserCommand;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's answers to what user-command says, over real HTTP (Ribbon + Hystrix) to an
 * in-process server on 127.0.0.1 that plays user-command.
 */
class UserCommandClientTest {
  private static final UUID USER = UUID.randomUUID();
  private final String name = "user-command-client-" + UUID.randomUUID();
  private final AtomicInteger recordCalls = new AtomicInteger();
  private HttpServer server;
  private ServiceClient ribbon;

  @AfterEach
  void cleanUp() {
    if (ribbon != null) {
      ribbon.close();
    }
    ConfigurationManager.getConfigInstance().clearProperty(name + ".ribbon.listOfServers");
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void givenAnAccountBusyForTwoTries_whenRecordingAVerifiedPhone_thenTheThirdTryRecordsIt()
      throws IOException {
    UserCommandClient client = clientOf(userCommandAnsweringConflict(2));

    UserCommand.Recorded recorded = client.recordPhoneVerified(USER, "v-1", "+4915112345678");

    assertThat(recorded).isEqualTo(UserCommand.Recorded.RECORDED);
    assertThat(recordCalls).hasValue(3);
  }

  @Test
  void givenAnAccountBusyOnEveryTry_whenRecordingAVerifiedPhone_thenItIsUnavailableAfterThreeTries()
      throws IOException {
    UserCommandClient client = clientOf(userCommandAnsweringConflict(Integer.MAX_VALUE));

    assertThatThrownBy(() -> client.recordPhoneVerified(USER, "v-1", "+4915112345678"))
        .isInstanceOf(UserCommand.Unavailable.class)
        .hasMessageContaining("409");
    assertThat(recordCalls).hasValue(UserCommandClient.ATTEMPTS);
  }

  /** Issues tokens; answers the first {@code conflicts} records with 409, then 204. */
  private HttpServer userCommandAnsweringConflict(int conflicts) throws IOException {
    HttpServer userCommand = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    userCommand.createContext(
        UserCommandClient.TOKEN_PATH,
        exchange -> respond(exchange, 200, "{\"accessToken\":\"t\",\"expiresIn\":600}"));
    userCommand.createContext(
        "/internal/users/",
        exchange ->
            respond(
                exchange,
                recordCalls.incrementAndGet() <= conflicts ? 409 : 204,
                "{\"type\":\"conflict\"}"));
    userCommand.start();
    return userCommand;
  }

  private UserCommandClient clientOf(HttpServer userCommand) {
    server = userCommand;
    ConfigurationManager.getConfigInstance()
        .setProperty(
            name + ".ribbon.listOfServers", "127.0.0.1:" + userCommand.getAddress().getPort());
    ribbon = new ServiceClient(name);
    return new UserCommandClient(ribbon, new ServiceClientSettings(), Clock.systemUTC());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (status == 204) {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
