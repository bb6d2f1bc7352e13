package com.retail.identity.command.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of generated hostile requests at every public endpoint of user-command: wrong types,
 * huge numbers, deep nesting, invalid UTF-8, control characters, long strings, missing and
 * duplicated fields, odd headers and query strings. None may get a 5xx or anything but problem+json.
 */
class HostileInputIT {
  private static DropwizardAppExtension<UserCommandConfiguration> app;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> FIELDS = List.of("email", "password", "firstName", "lastName", "country", "phone",
      "locale", "refreshToken", "currentPassword", "newPassword", "clientId", "clientSecret", "verificationId");

  @BeforeContainer
  static void start() throws Exception {
    app = UserCommandApp.extension();
    app.before();
  }

  @AfterContainer
  static void stop() {
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
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300).map(HostileInputIT::quoted),
        Arbitraries.strings().withChars('\u0000', '\u001f').ofMaxLength(40).map(HostileInputIT::quoted),
        Arbitraries.strings().ofMinLength(1_000).ofMaxLength(20_000).withChars('a', 'z').map(HostileInputIT::quoted),
        Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(80).negate(), java.math.BigInteger.TEN.pow(80))
            .map(Object::toString),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e999"),
        Arbitraries.of("true", "null", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":1}}"),
        Arbitraries.integers().between(1, 200).map(n -> "[".repeat(n) + "]".repeat(n)));
    Arbitrary<String> members = Combinators.combine(Arbitraries.of(FIELDS), values).as((k, v) -> quoted(k) + ":" + v);
    Arbitrary<String> objects = members.list().ofMaxSize(8).map(list -> "{" + String.join(",", list) + "}");
    Arbitrary<byte[]> json = objects.map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> broken = objects.map(s -> s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> invalidUtf8 = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
        .map(b -> concat("{\"email\":\"".getBytes(StandardCharsets.UTF_8), b, new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}'}));
    return Arbitraries.oneOf(json, json, broken, invalidUtf8);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/json", "application/json; charset=utf-8", "text/plain",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*");
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300),
        Arbitraries.of("Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer eyJhbGciOiJub25lIn0.e30."));
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
  void noHostileRequestGetsA5xxOrAnythingButProblemJson(@ForAll("endpoints") String endpoint,
      @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType,
      @ForAll("headerValues") String authorization, @ForAll("headerValues") String idempotencyKey) throws Exception {
    String[] parts = endpoint.split(" ", 2);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + parts[1]))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", contentType)
        .header("Authorization", authorization)
        .header("Idempotency-Key", idempotencyKey)
        .method(parts[0], HttpRequest.BodyPublishers.ofByteArray(body))
        .build();

    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException closedBeforeReuse) {
      // The server may close a kept-alive connection after refusing a body it did not read (413/415);
      // a real client retries on a new connection, and so does this one.
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    assertThat(response.statusCode()).as("%s with %s", endpoint, new String(body, StandardCharsets.UTF_8)).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
