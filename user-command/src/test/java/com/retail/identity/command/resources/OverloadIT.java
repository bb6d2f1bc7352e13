package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests beyond the concurrency limit get 503 problem+json with Retry-After, before any work. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OverloadIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(
          Map.of(
              "concurrency.maxConcurrentRequests", "2",
              "concurrency.maxWaitMillis", "0",
              "concurrency.retryAfterSeconds", "3"));

  @Test
  void requestsBeyondTheLimitAreRefusedWith503AndRetryAfterWhileAdmittedOnesComplete()
      throws Exception {
    // given both slots held by registrations whose bodies are still arriving
    List<SlowRequest> slow =
        List.of(SlowRequest.start(APP.getLocalPort()), SlowRequest.start(APP.getLocalPort()));
    await().atMost(Duration.ofSeconds(30)).until(() -> inUse() == 2);
    Http http = new Http(APP.getLocalPort());
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      // when ten more arrive at once
      List<HttpResponse<String>> excess =
          IntStream.range(0, 10)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () ->
                              http.post(
                                  "/v1/users",
                                  registrationJson(uniqueEmail(), UserCommandApp.PASSWORD)),
                          pool))
              .toList()
              .stream()
              .map(CompletableFuture::join)
              .toList();

      // then each is a 503 problem naming the wait, none a 500
      assertThat(excess)
          .allSatisfy(
              response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/problem+json");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
                assertThat(Http.json(response).get("type").asText()).endsWith("/unavailable");
              });
      assertThat(shedOverARawSocket())
          .as("a refused connection is closed with its answer, never left for reuse")
          .contains("HTTP/1.1 503")
          .containsIgnoringCase("Connection: close");
      assertThat(APP.getEnvironment().metrics().meter("http.concurrency-limit.shed").getCount())
          .isGreaterThanOrEqualTo(11);
    } finally {
      pool.shutdownNow();
    }

    // and the admitted registrations finish normally and give their slots back
    List<String> statusLines = new ArrayList<>();
    for (SlowRequest request : slow) {
      statusLines.add(request.finish());
    }
    assertThat(statusLines).allSatisfy(line -> assertThat(line).startsWith("HTTP/1.1 201"));
    await().atMost(Duration.ofSeconds(30)).until(() -> inUse() == 0);
    assertThat(
            new Http(APP.getLocalPort())
                .post("/v1/users", registrationJson(uniqueEmail(), UserCommandApp.PASSWORD))
                .statusCode())
        .isEqualTo(201);
  }

  /** The status line and headers of one more registration while both slots are held. */
  private static String shedOverARawSocket() throws IOException {
    byte[] body =
        registrationJson(uniqueEmail(), UserCommandApp.PASSWORD).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.append(line).append('\n');
      }
      return head.toString();
    }
  }

  private static int inUse() {
    Gauge<?> gauge =
        APP.getEnvironment().metrics().getGauges().get("http.concurrency-limit.in-use");
    return ((Number) gauge.getValue()).intValue();
  }

  /**
   * A registration sent over a raw socket with its last body byte held back, so it occupies a slot.
   */
  private record SlowRequest(Socket socket, byte[] rest) {
    static SlowRequest start(int port) throws IOException {
      byte[] body =
          registrationJson(uniqueEmail(), UserCommandApp.PASSWORD).getBytes(StandardCharsets.UTF_8);
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Connection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length - 1);
      out.flush();
      return new SlowRequest(socket, new byte[] {body[body.length - 1]});
    }

    String finish() throws IOException {
      try (socket) {
        socket.getOutputStream().write(rest);
        socket.getOutputStream().flush();
        return new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
      }
    }
  }
}
