package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile requests for every service's hostile-input suite: wrong types, huge
 * numbers, deep nesting, invalid UTF-8, control characters, very long strings, missing and
 * duplicated fields, odd headers, path segments and query strings; the one check every answer must
 * pass; and the runner that sends a given number of generated requests.
 */
public final class HostileInputs {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final BigInteger TEN_TO_80 = BigInteger.TEN.pow(80);
  private static final BigInteger TEN_TO_40 = BigInteger.TEN.pow(40);

  private HostileInputs() {}

  /** A property that may throw (an HTTP call, a store read): any exception fails the case. */
  @FunctionalInterface
  public interface Check<T> {
    void check(T value) throws Exception;
  }

  /**
   * How many generated requests each hostile-input suite sends: 2,000 per build (a new seed every
   * build, so the builds together cover far more), {@code -Dhostile.cases=N} for a deeper run.
   */
  public static int cases() {
    return Integer.getInteger("hostile.cases", 2_000);
  }

  /**
   * Checks {@code cases} generated values at least, without shrinking (a hostile request is
   * reported as it was sent). QuickTheories skips a value it has already tried, so a run that comes
   * up short is followed by another with the next seed until the count is reached. {@code
   * -Dhostile.seed=N} repeats a run's choices.
   */
  public static <T> void check(int cases, Gen<T> values, Check<T> check) {
    long seed = Long.getLong("hostile.seed", System.nanoTime());
    AtomicInteger checked = new AtomicInteger();
    for (int round = 0; checked.get() < cases; round++) {
      int before = checked.get();
      try {
        qt().withFixedSeed(seed + round)
            .withExamples(cases - before)
            .withShrinkCycles(0)
            .forAll(values)
            .checkAssert(
                value -> {
                  checked.incrementAndGet();
                  try {
                    check.check(value);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                });
      } catch (AssertionError failed) {
        // What went wrong first (a CI log may keep only the start of the message), then the
        // request as QuickTheories reports it.
        Throwable cause = failed;
        while (cause.getCause() != null && cause.getCause() != cause) {
          cause = cause.getCause();
        }
        throw new AssertionError(
            "after "
                + checked.get()
                + " cases (-Dhostile.seed="
                + seed
                + " repeats the run): "
                + (cause == failed ? "" : cause + " | ")
                + failed.getMessage(),
            failed);
      }
      if (checked.get() == before) {
        throw new IllegalStateException(
            "the generator repeats itself: " + before + " of " + cases + " cases");
      }
    }
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  public static <T> Gen<T> pick(T... values) {
    return Generate.pick(Arrays.asList(values));
  }

  public static <T> Gen<T> pick(List<T> values) {
    return Generate.pick(List.copyOf(values));
  }

  /** A value of one of the generators, each as likely. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
    List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
    for (Gen<? extends T> generator : generators) {
      weighted.add(Pair.of(1, widen(generator)));
    }
    return Generate.frequency(weighted);
  }

  /** A value of one of the generators, each as likely. */
  public static <T> Gen<T> oneOf(List<Gen<T>> generators) {
    List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
    for (Gen<T> generator : generators) {
      weighted.add(Pair.of(1, generator));
    }
    return Generate.frequency(weighted);
  }

  /** A value of the generators', as likely as its weight. */
  public static <T> Gen<T> frequencyOf(int weight, Gen<T> values, int otherWeight, Gen<T> others) {
    return Generate.frequency(Pair.of(weight, values), Pair.of(otherWeight, others));
  }

  private static <T> Gen<T> widen(Gen<? extends T> generator) {
    return generator::generate;
  }

  /** Mostly the generator's values, and one time in twenty one of its edge values. */
  @SafeVarargs
  public static <T> Gen<T> withEdges(Gen<T> values, T... edges) {
    return Generate.frequency(Pair.of(19, values), Pair.of(1, pick(edges)));
  }

  /** Lists of up to {@code maxSize} values; the empty list among the edges. */
  public static <T> Gen<List<T>> listsOf(Gen<T> values, int minSize, int maxSize) {
    Gen<List<T>> lists = lists().of(values).ofSizeBetween(minSize, maxSize);
    return minSize == 0 ? withEdges(lists, List.of()) : lists;
  }

  /**
   * Any text: characters of the basic plane (lone surrogates included) and, one time in four,
   * beyond it.
   */
  public static Gen<String> anyText(int minLength, int maxLength) {
    Gen<String> text =
        Generate.frequency(
            Pair.of(
                3,
                strings().basicMultilingualPlaneAlphabet().ofLengthBetween(minLength, maxLength)),
            Pair.of(1, strings().allPossible().ofLengthBetween(minLength, maxLength)));
    return withEdges(text, edgeTexts(minLength, '\u0000', ' ', 'a', '\uffff'));
  }

  /** Text of the characters from {@code first} to {@code last}. */
  public static Gen<String> textOf(char first, char last, int minLength, int maxLength) {
    return withEdges(
        strings().betweenCodePoints(first, last).ofLengthBetween(minLength, maxLength),
        edgeTexts(minLength, first, last));
  }

  private static String[] edgeTexts(int minLength, char... chars) {
    List<String> edges = new ArrayList<>();
    if (minLength == 0) {
      edges.add("");
    }
    for (char c : chars) {
      edges.add(String.valueOf(c).repeat(Math.max(1, minLength)));
    }
    return edges.toArray(String[]::new);
  }

  /** Whole numbers from {@code -limit} to {@code limit}, spread over every magnitude. */
  public static Gen<BigInteger> bigIntegers(BigInteger limit) {
    int digits = limit.toString().length();
    Gen<BigInteger> numbers =
        Generate.range(1, digits)
            .zip(
                strings().betweenCodePoints('0', '9').ofLength(digits),
                Generate.booleans(),
                (length, text, negative) -> {
                  BigInteger n = new BigInteger(text.substring(0, length)).min(limit);
                  return negative ? n.negate() : n;
                });
    return withEdges(
        numbers, BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(), limit, limit.negate());
  }

  /** Raw bytes, any value, up to {@code maxSize} of them. */
  public static Gen<byte[]> byteArrays(int maxSize) {
    return withEdges(
        Generate.byteArrays(
            Generate.range(0, maxSize), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
        new byte[0],
        new byte[] {0},
        new byte[] {(byte) 0xff});
  }

  /** Any whole number a {@code long} holds. */
  public static Gen<Long> longs() {
    return withEdges(
        org.quicktheories.generators.SourceDSL.longs().all(),
        0L,
        1L,
        -1L,
        Long.MIN_VALUE,
        Long.MAX_VALUE);
  }

  /** Any double, infinities and NaN included. */
  public static Gen<Double> doublesOfAnySize() {
    return withEdges(
        doubles().any(),
        0.0d,
        -0.0d,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY);
  }

  /** JSON literals of every type and size, for any field. */
  public static Gen<String> jsonValues() {
    return oneOf(
        anyText(0, 300).map(HostileInputs::quoted),
        textOf('\u0000', '\u001f', 0, 40).map(HostileInputs::quoted),
        textOf('a', 'z', 1_000, 20_000).map(HostileInputs::quoted),
        bigIntegers(TEN_TO_80).map(n -> n.toString()),
        doublesOfAnySize().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e999"),
        pick(
            "true",
            "null",
            "[]",
            "{}",
            "[1,2,3]",
            "{\"a\":{\"b\":1}}",
            "\"\"",
            "\" \"",
            "-0",
            "1e-999"),
        withEdges(Generate.range(1, 200), 1, 200).map(n -> "[".repeat(n) + "]".repeat(n)),
        withEdges(Generate.range(1, 60), 1, 60)
            .map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
  }

  /**
   * Request bodies over the given field names: objects with hostile values (some fields missing,
   * some given twice), plausible values from {@code plausible} so deeper checks are reached,
   * truncated JSON, invalid UTF-8 and raw bytes.
   */
  public static Gen<byte[]> bodies(List<String> fields, List<String> plausible) {
    Gen<String> values =
        plausible.isEmpty()
            ? jsonValues()
            : oneOf(jsonValues(), pick(plausible).map(HostileInputs::quoted));
    Gen<String> members = pick(fields).zip(values, (k, v) -> quoted(k) + ":" + v);
    Gen<List<String>> memberLists = listsOf(members, 0, 8);
    Gen<String> objects =
        oneOf(
            memberLists.map(list -> "{" + String.join(",", list) + "}"),
            // the same field twice, with two values
            memberLists.zip(
                members,
                (list, twice) -> {
                  List<String> all = new ArrayList<>(list);
                  all.add(twice);
                  all.add(0, twice);
                  return "{" + String.join(",", all) + "}";
                }),
            // not an object at all
            jsonValues());
    Gen<byte[]> json = objects.map(s -> s.getBytes(StandardCharsets.UTF_8));
    Gen<byte[]> broken =
        objects.map(s -> s.substring(0, s.length() / 2).getBytes(StandardCharsets.UTF_8));
    Gen<byte[]> invalidUtf8 =
        pick(fields)
            .zip(
                byteArrays(200),
                (field, b) ->
                    concat(
                        ("{\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8),
                        b,
                        new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}'}));
    Gen<byte[]> raw = byteArrays(500);
    return Generate.frequency(
        Pair.of(5, json),
        Pair.of(2, broken),
        Pair.of(2, invalidUtf8),
        Pair.of(1, raw),
        Pair.of(1, Generate.constant(new byte[0])));
  }

  public static Gen<String> contentTypes() {
    return pick(
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "*/*",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/json; charset=\u00ff",
        "");
  }

  /** Header values: printable junk, and bearer tokens that are not tokens. */
  public static Gen<String> headerValues() {
    return oneOf(
        textOf('!', '~', 0, 300),
        textOf('!', '~', 4_000, 6_000),
        pick(
            "Bearer ",
            "Bearer a.b.c",
            "Basic Zm9vOmJhcg==",
            "Bearer eyJhbGciOiJub25lIn0.e30.",
            "Bearer  x",
            "bearer",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"));
  }

  /**
   * Text as it arrives in a path segment or a query value: unicode, control characters, long runs,
   * huge and negative numbers, look-alikes of real values (given as {@code plausible}).
   */
  public static Gen<String> texts(List<String> plausible) {
    List<Gen<String>> choices =
        new ArrayList<>(
            List.of(
                anyText(0, 120),
                textOf('\u0000', '\u001f', 1, 20),
                textOf('a', 'z', 200, 5_000),
                bigIntegers(TEN_TO_40).map(n -> n.toString()),
                pick(
                    "",
                    " ",
                    "0",
                    "-1",
                    "1e9",
                    "NaN",
                    "true",
                    "null",
                    "%",
                    "%%",
                    "..",
                    "../..",
                    "*",
                    "?",
                    "#",
                    "&",
                    "=",
                    "+",
                    "\u202e",
                    "\ufeff",
                    "\ud800",
                    "\uffff",
                    "\u00e9\u0301",
                    "\ud83d\ude00",
                    "１２３",
                    "0x10")));
    if (!plausible.isEmpty()) {
      choices.add(pick(plausible));
    }
    return oneOf(choices);
  }

  /**
   * Raw bytes (so invalid UTF-8 too), percent-encoded as a client must to get them onto the wire.
   */
  public static Gen<String> encodedBytes() {
    return byteArrays(60).map(HostileInputs::percentEncode);
  }

  /** A path segment: encoded text or encoded raw bytes. */
  public static Gen<String> pathSegments(List<String> plausible) {
    return oneOf(
        texts(plausible).map(s -> percentEncode(s.getBytes(StandardCharsets.UTF_8))),
        encodedBytes());
  }

  /**
   * Query strings over the given parameter names: values from {@code values}, parameters missing,
   * repeated, without {@code =}, unknown ones, and raw bytes.
   */
  public static Gen<String> queryStrings(List<String> names, Gen<String> values) {
    Gen<String> encodedValues =
        oneOf(values.map(v -> percentEncode(v.getBytes(StandardCharsets.UTF_8))), encodedBytes());
    Gen<String> name = oneOf(pick(names), pick(names), textOf('a', 'z', 1, 10), encodedBytes());
    Gen<String> pair =
        oneOf(
            name.zip(encodedValues, (n, v) -> n + "=" + v),
            name.zip(encodedValues, (n, v) -> n + "=" + v),
            name,
            name.map(n -> n + "="));
    return listsOf(pair, 0, 8).map(list -> String.join("&", list));
  }

  /** The query string of the parameters as a well-behaved client would send them. */
  public static String query(List<String> namesAndValues) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
      if (namesAndValues.get(i + 1) != null) {
        pairs.add(
            namesAndValues.get(i)
                + "="
                + percentEncode(namesAndValues.get(i + 1).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return String.join("&", pairs);
  }

  public static String percentEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** One hostile request; every header value that is {@code null} is left out. */
  public static HttpRequest request(
      int port, String method, String pathAndQuery, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null && !headers[i + 1].isEmpty()) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    return request.build();
  }

  public static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closedBeforeReuse) {
      // The server may close a kept-alive connection after refusing a body it did not read
      // (413/415);
      // a real client retries on a new connection, and so does this one.
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** No 5xx, and every error is problem+json without a stack trace. */
  public static void assertWellBehaved(HttpResponse<String> response, String what) {
    String answer =
        response.statusCode()
            + " "
            + response.headers().firstValue("Content-Type").orElse("(no type)")
            + " "
            + (response.body().length() > 300
                ? response.body().substring(0, 300) + "..."
                : response.body());
    assertThat(response.statusCode()).as("answered %s to %s", answer, what).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(response.headers().firstValue("Content-Type"))
          .as("answered %s to %s", answer, what)
          .hasValue("application/problem+json");
      assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** A short description of a request for a failure message (long bodies cut). */
  public static String describe(String method, String pathAndQuery, byte[] body) {
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    String path =
        pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "..." : pathAndQuery;
    return method
        + " "
        + path
        + " "
        + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
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
