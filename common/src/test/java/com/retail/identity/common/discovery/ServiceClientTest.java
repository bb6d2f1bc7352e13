package com.retail.identity.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.netflix.config.ConfigurationManager;
import com.netflix.loadbalancer.BaseLoadBalancer;
import com.netflix.loadbalancer.Server;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real Ribbon + Hystrix + java.net.http against real in-process HTTP servers on 127.0.0.1. Each
 * test uses its own client name and command key, so Hystrix metrics, circuit breakers and thread
 * pools never carry over between tests.
 */
class ServiceClientTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final HttpResult FALLBACK = HttpResult.of(299, "fallback");

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private final List<String> properties = new ArrayList<>();
  private final List<ServiceClient> clients = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    clients.forEach(ServiceClient::close);
    properties.forEach(p -> ConfigurationManager.getConfigInstance().clearProperty(p));
    servers.forEach(s -> s.stop(0));
    executors.forEach(ExecutorService::shutdownNow);
  }

  @Test
  void givenTwoServers_whenCallingRepeatedly_thenCallsSpreadOverBoth() throws IOException {
    HttpServer a = start(answering(200, "{\"server\":\"A\"}"));
    HttpServer b = start(answering(200, "{\"server\":\"B\"}"));
    ServiceClient client = staticClient("spread", a, b);

    Set<String> bodies = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      HttpResult result = client.getJson("spreadGet", "/whoami", Map.of(), () -> FALLBACK);
      assertThat(result.status()).isEqualTo(200);
      bodies.add(result.body());
    }

    assertThat(bodies).containsExactlyInAnyOrder("{\"server\":\"A\"}", "{\"server\":\"B\"}");
  }

  @Test
  void givenOneOfTwoServersStopped_whenCalling_thenEveryCallIsRetriedOnTheOther()
      throws IOException {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("one-down", a, b);
    a.stop(0);

    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      bodies.add(client.getJson("oneDownGet", "/", Map.of(), () -> FALLBACK).body());
    }

    assertThat(bodies).hasSize(10).containsOnly("B");
    // The stopped server really was chosen (and failed) before the retry on the other one.
    Server stopped = new Server("127.0.0.1", a.getAddress().getPort());
    BaseLoadBalancer lb = (BaseLoadBalancer) client.getLoadBalancer();
    assertThat(
            lb.getLoadBalancerStats()
                .getSingleServerStat(stopped)
                .getSuccessiveConnectionFailureCount())
        .isPositive();
  }

  @Test
  void givenOneOfTwoServersStopped_whenManyCallersCallAtOnce_thenNoRetryGoesBackToTheStoppedOne()
      throws Exception {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    String name = uniqueName("one-down-concurrent");
    setProperty(
        name + ".ribbon.listOfServers",
        "127.0.0.1:" + a.getAddress().getPort() + ",127.0.0.1:" + b.getAddress().getPort());
    // As after Ribbon's black-out of a failing server has lapsed: the stopped server stays a
    // candidate.
    setProperty("niws.loadbalancer." + name + ".connectionFailureCountThreshold", "100000");
    ServiceClient client = track(new ServiceClient(name));
    a.stop(0);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    executors.add(callers);

    // Concurrent callers move the shared round robin on between a call's first try and its retry.
    List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(
          callers.submit(
              () -> client.getJson("oneDownConcurrentGet", "/", Map.of(), () -> FALLBACK).body()));
    }

    List<String> bodies = new ArrayList<>();
    for (java.util.concurrent.Future<String> answer : answers) {
      bodies.add(answer.get());
    }
    assertThat(bodies).hasSize(200).containsOnly("B");
  }

  @Test
  void givenOneServerAnswering5xx_whenCalling_thenTheOtherServerAnswers() throws IOException {
    HttpServer a = start(answering(503, "overloaded"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("five-hundred", a, b);

    for (int i = 0; i < 6; i++) {
      HttpResult result = client.getJson("fiveHundredGet", "/", Map.of(), () -> FALLBACK);
      assertThat(result.status()).isEqualTo(200);
      assertThat(result.body()).isEqualTo("B");
    }
  }

  @Test
  void givenOneServerAnswering5xx_whenCallingNonIdempotently_thenNoCallIsSentTwice()
      throws IOException {
    AtomicInteger hitsA = new AtomicInteger();
    AtomicInteger hitsB = new AtomicInteger();
    HttpServer a =
        start(
            exchange -> {
              hitsA.incrementAndGet();
              respond(exchange, 503, "overloaded");
            });
    HttpServer b =
        start(
            exchange -> {
              hitsB.incrementAndGet();
              respond(exchange, 200, "B");
            });
    ServiceClient client = staticClient("non-idempotent", a, b);

    int fallbacks = 0;
    for (int i = 0; i < 6; i++) {
      String body =
          client.executeNonIdempotent(
              "nonIdempotentPost", base -> postOnce(base), () -> "fallback");
      if (body.equals("fallback")) {
        fallbacks++;
      } else {
        assertThat(body).isEqualTo("B");
      }
    }

    assertThat(hitsA.get() + hitsB.get()).isEqualTo(6);
    assertThat(fallbacks).isEqualTo(hitsA.get()).isPositive();
  }

  @Test
  void
      givenOneOfTwoServersStopped_whenCallingNonIdempotently_thenConnectFailuresAreRetriedOnTheOther()
          throws IOException {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("non-idempotent-down", a, b);
    a.stop(0);

    for (int i = 0; i < 6; i++) {
      assertThat(
              client.executeNonIdempotent(
                  "nonIdempotentDownPost", base -> postOnce(base), () -> "fallback"))
          .isEqualTo("B");
    }
  }

  @Test
  void givenServerAnswering404_whenCalling_thenTheResultIsReturnedWithoutFallback()
      throws IOException {
    HttpServer a = start(answering(404, "{\"error\":\"not found\"}"));
    ServiceClient client = staticClient("four-oh-four", a);

    HttpResult result =
        client.getJson("notFoundGet", "/users/42", Map.of("X-Request-Id", "r-1"), () -> FALLBACK);

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.isClientError()).isTrue();
    assertThat(result.body()).isEqualTo("{\"error\":\"not found\"}");
    assertThat(result.server().getPort()).isEqualTo(a.getAddress().getPort());
  }

  @Test
  void givenBothServersStopped_whenCalling_thenTheFallbackIsUsed() throws IOException {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("all-down", a, b);
    a.stop(0);
    b.stop(0);

    HttpResult result = client.getJson("allDownGet", "/", Map.of(), () -> FALLBACK);

    assertThat(result).isSameAs(FALLBACK);
  }

  @Test
  void givenBothServersStoppedAndNoFallback_whenCalling_thenRemoteServiceUnavailableIsThrown()
      throws IOException {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("all-down-no-fallback", a, b);
    a.stop(0);
    b.stop(0);

    assertThatThrownBy(() -> client.getJson("allDownNoFallbackGet", "/", Map.of()))
        .isInstanceOf(RemoteServiceUnavailable.class)
        .hasMessageContaining("allDownNoFallbackGet")
        .satisfies(
            e ->
                assertThat(((RemoteServiceUnavailable) e).getClientName())
                    .startsWith("all-down-no-fallback"));
  }

  @Test
  void givenNoServersConfigured_whenCalling_thenTheFallbackIsUsed() {
    ServiceClient client = track(new ServiceClient(uniqueName("nobody")));

    assertThat(client.getReachableServers()).isEmpty();
    assertThat(client.getJson("nobodyGet", "/", Map.of(), () -> FALLBACK)).isSameAs(FALLBACK);
  }

  @Test
  void givenSlowServerAnd300msHystrixTimeout_whenCalling_thenTheFallbackIsUsed()
      throws IOException {
    HttpServer slow =
        start(
            exchange -> {
              try {
                Thread.sleep(3_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              respond(exchange, 200, "too late");
            });
    ServiceClient client = staticClient("slow", slow);
    String key = "slowGet" + SEQ.incrementAndGet();
    setProperty(
        "hystrix.command." + key + ".execution.isolation.thread.timeoutInMilliseconds", "300");

    HttpResult result = client.getJson(key, "/", Map.of(), () -> FALLBACK);

    assertThat(result).isSameAs(FALLBACK);
  }

  @Test
  void givenListOfServersChangedAtRuntime_whenRefreshed_thenTheNewServerIsUsed()
      throws IOException {
    HttpServer a = start(answering(200, "A"));
    HttpServer b = start(answering(200, "B"));
    ServiceClient client = staticClient("switch", a);
    assertThat(client.getJson("switchGet", "/", Map.of()).body()).isEqualTo("A");

    setProperty(
        client.getClientName() + ".ribbon.listOfServers", "127.0.0.1:" + b.getAddress().getPort());
    client.refreshServerList();

    assertThat(client.getJson("switchGet", "/", Map.of()).body()).isEqualTo("B");
  }

  @Test
  void givenExecuteWithCustomCall_whenCalling_thenTheCallGetsTheServerBaseUri() throws IOException {
    HttpServer a = start(answering(200, "A"));
    ServiceClient client = staticClient("custom", a);

    String base = client.execute("customCall", uri -> uri.toString(), () -> "fallback");

    assertThat(base).isEqualTo("http://127.0.0.1:" + a.getAddress().getPort());
  }

  // --- helpers -------------------------------------------------------------------------------

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A POST; 5xx is a failure, as {@link ServiceClient#getJson} treats it. */
  private static String postOnce(URI base) throws Exception {
    URI uri = URI.create(base + "/orders");
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500) {
      throw new ServiceClient.ServerErrorException(uri, response.statusCode(), response.body());
    }
    return response.body();
  }

  private ServiceClient staticClient(String base, HttpServer... targets) {
    String name = uniqueName(base);
    StringBuilder list = new StringBuilder();
    for (HttpServer target : targets) {
      if (list.length() > 0) {
        list.append(',');
      }
      list.append("127.0.0.1:").append(target.getAddress().getPort());
    }
    setProperty(name + ".ribbon.listOfServers", list.toString());
    return track(new ServiceClient(name));
  }

  private static String uniqueName(String base) {
    return base + "-" + SEQ.incrementAndGet();
  }

  private ServiceClient track(ServiceClient client) {
    clients.add(client);
    return client;
  }

  private void setProperty(String name, String value) {
    ConfigurationManager.getConfigInstance().setProperty(name, value);
    properties.add(name);
  }

  private HttpServer start(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    ExecutorService executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    servers.add(server);
    executors.add(executor);
    return server;
  }

  private static HttpHandler answering(int status, String body) {
    return exchange -> respond(exchange, status, body);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
