package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile requests for every service's hostile-input suite: wrong types, huge numbers,
 * deep nesting, invalid UTF-8, control characters, very long strings, missing and duplicated fields,
 * odd headers, path segments and query strings; and the one check every answer must pass.
 */
public final class HostileInputs {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HostileInputs() {}

  /** JSON literals of every type and size, for any field. */
  public static Arbitrary<String> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(300).map(HostileInputs::quoted),
        Arbitraries.strings().withChars('\u0000', '\u001f').ofMaxLength(40).map(HostileInputs::quoted),
        Arbitraries.strings().ofMinLength(1_000).ofMaxLength(20_000).withChars('a', 'z').map(HostileInputs::quoted),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(80).negate(), BigInteger.TEN.pow(80)).map(Object::toString),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e999"),
        Arbitraries.of("true", "null", "[]", "{}", "[1,2,3]", "{\"a\":{\"b\":1}}", "\"\"", "\" \"", "-0", "1e-999"),
        Arbitraries.integers().between(1, 200).map(n -> "[".repeat(n) + "]".repeat(n)),
        Arbitraries.integers().between(1, 60).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
  }

  /**
   * Request bodies over the given field names: objects with hostile values (some fields missing, some
   * given twice), plausible values from {@code plausible} so deeper checks are reached, truncated
   * JSON, invalid UTF-8 and raw bytes.
   */
  public static Arbitrary<byte[]> bodies(List<String> fields, List<String> plausible) {
    Arbitrary<String> values = plausible.isEmpty() ? jsonValues()
        : Arbitraries.oneOf(jsonValues(), Arbitraries.of(plausible).map(HostileInputs::quoted));
    Arbitrary<String> members = Combinators.combine(Arbitraries.of(fields), values).as((k, v) -> quoted(k) + ":" + v);
    Arbitrary<List<String>> memberLists = members.list().ofMaxSize(8);
    Arbitrary<String> objects = Arbitraries.oneOf(
        memberLists.map(list -> "{" + String.join(",", list) + "}"),
        // the same field twice, with two values
        Combinators.combine(memberLists, members).as((list, twice) -> {
          List<String> all = new ArrayList<>(list);
          all.add(twice);
          all.add(0, twice);
          return "{" + String.join(",", all) + "}";
        }),
        // not an object at all
        jsonValues());
    Arbitrary<byte[]> json = objects.map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> broken = objects.map(s -> s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> invalidUtf8 = Combinators.combine(Arbitraries.of(fields),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
        .as((field, b) -> concat(("{\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8), b,
            new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}'}));
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(500);
    return Arbitraries.frequencyOf(
        Tuple.of(5, json), Tuple.of(2, broken), Tuple.of(2, invalidUtf8),
        Tuple.of(1, raw), Tuple.of(1, Arbitraries.just(new byte[0])));
  }

  public static Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/json", "application/json", "application/json; charset=utf-8", "text/plain",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*", "application/xml",
        "multipart/form-data; boundary=x", "application/json; charset=\u00ff", "");
  }

  /** Header values: printable junk, and bearer tokens that are not tokens. */
  public static Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(4_000).ofMaxLength(6_000),
        Arbitraries.of("Bearer ", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer  x",
            "bearer", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"));
  }

  /**
   * Text as it arrives in a path segment or a query value: unicode, control characters, long runs,
   * huge and negative numbers, look-alikes of real values (given as {@code plausible}).
   */
  public static Arbitrary<String> texts(List<String> plausible) {
    List<Arbitrary<String>> choices = new ArrayList<>(List.of(
        Arbitraries.strings().ofMaxLength(120),
        Arbitraries.strings().withChars('\u0000', '\u001f').ofMinLength(1).ofMaxLength(20),
        Arbitraries.strings().withChars('a', 'z').ofMinLength(200).ofMaxLength(5_000),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).map(Object::toString),
        Arbitraries.of("", " ", "0", "-1", "1e9", "NaN", "true", "null", "%", "%%", "..", "../..", "*", "?", "#", "&",
            "=", "+", "\u202e", "\ufeff", "\ud800", "\uffff", "\u00e9\u0301", "\ud83d\ude00", "１２３", "0x10")));
    if (!plausible.isEmpty()) {
      choices.add(Arbitraries.of(plausible));
    }
    return Arbitraries.oneOf(choices);
  }

  /** Raw bytes (so invalid UTF-8 too), percent-encoded as a client must to get them onto the wire. */
  public static Arbitrary<String> encodedBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(60).map(HostileInputs::percentEncode);
  }

  /** A path segment: encoded text or encoded raw bytes. */
  public static Arbitrary<String> pathSegments(List<String> plausible) {
    return Arbitraries.oneOf(texts(plausible).map(s -> percentEncode(s.getBytes(StandardCharsets.UTF_8))),
        encodedBytes());
  }

  /**
   * Query strings over the given parameter names: values from {@code values}, parameters missing,
   * repeated, without {@code =}, unknown ones, and raw bytes.
   */
  public static Arbitrary<String> queryStrings(List<String> names, Arbitrary<String> values) {
    Arbitrary<String> encodedValues = Arbitraries.oneOf(
        values.map(v -> percentEncode(v.getBytes(StandardCharsets.UTF_8))), encodedBytes());
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.of(names),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10), encodedBytes());
    Arbitrary<String> pair = Arbitraries.oneOf(
        Combinators.combine(name, encodedValues).as((n, v) -> n + "=" + v),
        Combinators.combine(name, encodedValues).as((n, v) -> n + "=" + v),
        name,
        name.map(n -> n + "="));
    return pair.list().ofMaxSize(8).map(list -> String.join("&", list));
  }

  /** The query string of the parameters as a well-behaved client would send them. */
  public static String query(List<String> namesAndValues) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
      if (namesAndValues.get(i + 1) != null) {
        pairs.add(namesAndValues.get(i) + "=" + percentEncode(namesAndValues.get(i + 1).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return String.join("&", pairs);
  }

  public static String percentEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** One hostile request; every header value that is {@code null} is left out. */
  public static HttpRequest request(int port, String method, String pathAndQuery, byte[] body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null && !headers[i + 1].isEmpty()) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    return request.build();
  }

  public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedBeforeReuse) {
      // The server may close a kept-alive connection after refusing a body it did not read (413/415);
      // a real client retries on a new connection, and so does this one.
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** No 5xx, and every error is problem+json without a stack trace. */
  public static void assertWellBehaved(HttpResponse<String> response, String what) {
    assertThat(response.statusCode()).as("%s answered %s", what, response.body()).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(response.headers().firstValue("Content-Type")).as("%s answered %s %s", what, response.statusCode(),
          response.body()).hasValue("application/problem+json");
      assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** A short description of a request for a failure message (long bodies cut). */
  public static String describe(String method, String pathAndQuery, byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    String path = pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "..." : pathAndQuery;
    return method + " " + path + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
  }

  public static String quoted(String s) {
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
