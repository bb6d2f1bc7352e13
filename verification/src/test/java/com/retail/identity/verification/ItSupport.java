package com.retail.identity.verification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.testing.FormBody;
import com.retail.identity.common.testing.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.JedisPooled;

/**
 * What the verification ITs share: an SNS stub (WireMock standalone answering {@code
 * Action=Publish}), a recording WireMock in front of the real user-command (every request is
 * proxied to it and kept, so a test can assert the exact internal calls verification made, or make
 * one fail), customers registered and logged in on user-command, and Redis of the test stack.
 */
public final class ItSupport {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private ItSupport() {}

  /** An SNS stub on a random loopback port. */
  public static WireMockServer sns() {
    WireMockServer sns = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    sns.start();
    sns.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=Publish"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                            + UUID.randomUUID()
                            + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                            + UUID.randomUUID()
                            + "</RequestId></ResponseMetadata></PublishResponse>")));
    return sns;
  }

  /**
   * A recording proxy for user-command on a random port; verification's Ribbon client reaches
   * user-command through it ({@code user-command.ribbon.listOfServers}).
   */
  public static WireMockServer userCommandProxy() {
    WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    Knobs.override("user-command.ribbon.listOfServers", "127.0.0.1:" + proxy.port());
    // user-command's admission control must not throttle the many registrations of one test
    // address.
    for (String action : List.of("register", "login", "reset")) {
      for (String dimension : List.of("address", "subnet", "device", "domain")) {
        Knobs.override("identity.ratelimit." + action + "." + dimension + ".burst", "100000");
        Knobs.override("identity.ratelimit." + action + "." + dimension + ".perMinute", "100000");
      }
    }
    return proxy;
  }

  /**
   * A proxy for verification on a random port; user-command's Ribbon client reaches verification
   * through it ({@code verification.ribbon.listOfServers}) once {@link #proxyTo} points it there.
   */
  public static WireMockServer verificationProxy() {
    WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    proxy.start();
    Knobs.override("verification.ribbon.listOfServers", "127.0.0.1:" + proxy.port());
    return proxy;
  }

  public static void proxyTo(WireMockServer proxy, int port) {
    proxy.stubFor(
        any(anyUrl())
            .atPriority(10)
            .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + port)));
  }

  /** The settings every verification under test gets: SNS through the stub, no Eureka. */
  public static Map<String, String> verificationSettings(
      WireMockServer sns, Map<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("eureka.enabled", "false");
    settings.put("sms.sender", "SNS");
    settings.put("sms.sns.endpoint", "http://127.0.0.1:" + sns.port());
    settings.putAll(extra);
    return settings;
  }

  /** A customer: registered and logged in on user-command. */
  public record Customer(String userId, String token, String email) {}

  public static Customer customer(int userCommandPort) throws Exception {
    String email = UserCommandApp.uniqueEmail();
    HttpResponse<String> registered =
        send(
            json(userCommandPort, "/v1/users", null)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        UserCommandApp.registrationJson(email, UserCommandApp.PASSWORD)))
                .build());
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    HttpResponse<String> session =
        send(
            json(userCommandPort, "/v1/sessions", null)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\""
                            + email
                            + "\",\"password\":\""
                            + UserCommandApp.PASSWORD
                            + "\"}"))
                .build());
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(session.body());
    return new Customer(body.get("userId").asText(), body.get("accessToken").asText(), email);
  }

  /** A service token from user-command, for verification's service-only endpoints. */
  public static String serviceToken(int userCommandPort) throws Exception {
    HttpResponse<String> answer =
        send(
            json(userCommandPort, "/internal/service-tokens", null)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"clientId\":\"verification\",\"clientSecret\":\"local-verification-secret\"}"))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body()).get("accessToken").asText();
  }

  public static HttpRequest.Builder json(int port, String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  public static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> startVerification(int port, String token, String phone)
      throws Exception {
    return send(
        json(port, "/v1/verifications", token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"))
            .build());
  }

  public static HttpResponse<String> confirm(
      int port, String token, String verificationId, String code) throws Exception {
    return send(
        json(port, "/v1/verifications/" + verificationId + "/confirm", token)
            .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
            .build());
  }

  public static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** A fresh German mobile number (+49 151 ...), valid for libphonenumber. */
  public static String germanMobile() {
    return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  public static String frenchMobile() {
    return "+33612"
        + String.format(
            "%06d", ThreadLocalRandom.current().nextInt(1_000_000)); // +33 61x: always mobile
  }

  /** The form parameters of each SNS Publish the stub received for this number, oldest first. */
  public static List<Map<String, String>> publishesTo(WireMockServer sns, String phone) {
    List<LoggedRequest> requests =
        new java.util.ArrayList<>(
            sns.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
    java.util.Collections.reverse(requests); // WireMock lists the newest first
    return requests.stream()
        .map(r -> FormBody.parse(r.getBodyAsString()))
        .filter(f -> phone.equals(f.get("PhoneNumber")))
        .toList();
  }

  /** The code in the newest SMS to this number. */
  public static String lastCode(WireMockServer sns, String phone) {
    List<Map<String, String>> publishes = publishesTo(sns, phone);
    assertThat(publishes).as("SMS to " + phone).isNotEmpty();
    Matcher m = CODE.matcher(publishes.get(publishes.size() - 1).get("Message"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  public static JedisPooled redis() {
    return new JedisPooled("127.0.0.1", TestStack.redisPort());
  }

  public static String keyPrefix() {
    return TestStack.env("REDIS_KEY_PREFIX", "it:manual:");
  }

  public static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }
}
