package com.retail.identity.query.resources;

import static org.awaitility.Awaitility.await;

import com.retail.identity.common.testing.HostileInputs;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.core.PageCursor;
import com.retail.identity.query.core.UserQueryParser;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.query.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Ten thousand generated hostile requests at every public endpoint of user-query: profile reads
 * ({@code /v1/users/{id}?minVersion=}), admin search with its query strings (including forged
 * {@code nextPage} cursors of the right query with sort values of every type), reference data; with
 * hostile paths, query strings, bodies, methods and headers, as a stranger, the profile's owner, another
 * customer and an admin. None may get a 5xx or anything but problem+json. user-query has no write path
 * over HTTP (its ArchitectureTest keeps it from appending to the event log), so there is no record to
 * leave half-made.
 */
class HostileInputIT {
  private static final List<String> PARAMS = List.of("q", "country", "verified", "page", "size", "minVersion");
  private static final List<String> PLAUSIBLE = List.of("US", "de", "true", "false", "1", "20", "100", "101", "0",
      "grace", "grace hop", "Grace@Example.com", "+1 (415) 555-0100", "0014155550100", "999999999", "1000000000000000000");

  /** Who calls. */
  enum Caller { NOBODY, OWNER, OTHER_CUSTOMER, ADMIN, JUNK }

  private static TestTokens tokens;
  private static DropwizardAppExtension<UserQueryConfiguration> app;
  private static Seed seed;
  private static UUID owner;

  @BeforeContainer
  static void start() throws Exception {
    tokens = TestTokens.start();
    app = TestStack.app(UserQueryApplication.class, "user-query",
        Map.of("eureka.enabled", "false", "userCommandClient", tokens.clientName()));
    app.before();
    seed = Seed.open();
    owner = seed.register("Hostile", "Reader");
    // The first token check fetches the issuer's keys; a slow first fetch is not what this test is about.
    HttpRequest warmUp = HostileInputs.request(app.getLocalPort(), "GET", "/v1/reference/countries", null,
        "Authorization", authorization(Caller.ADMIN, null));
    HttpRequest search = HostileInputs.request(app.getLocalPort(), "GET", "/v1/users?size=1", null,
        "Authorization", authorization(Caller.ADMIN, null));
    await().atMost(Duration.ofSeconds(60)).until(() -> HostileInputs.send(warmUp).statusCode() == 200
        && HostileInputs.send(search).statusCode() == 200);
  }

  @AfterContainer
  static void stop() {
    app.after();
    seed.close();
    tokens.stop();
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("GET")),
        Tuple.of(1, Arbitraries.of("POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND")));
  }

  @Provide
  Arbitrary<String> targets() {
    List<String> ids = List.of(owner.toString(), UUID.randomUUID().toString(), owner.toString().toUpperCase(),
        owner.toString().replace("-", ""), " " + owner, "countries");
    Arbitrary<String> segment = HostileInputs.pathSegments(ids);
    Arbitrary<String> path = Arbitraries.oneOf(
        segment.map(s -> "/v1/users/" + s),
        Arbitraries.of("/v1/users/" + owner, "/v1/users", "/v1/users/", "/v1/reference/countries", "/v1/reference"),
        segment.map(s -> "/v1/reference/" + s),
        segment.map(s -> "/v1/users/" + owner + "/" + s),
        segment.map(s -> "/" + s));
    Arbitrary<String> query = HostileInputs.queryStrings(PARAMS, HostileInputs.texts(PLAUSIBLE));
    return Arbitraries.frequencyOf(
        Tuple.of(6, Combinators.combine(path, query).as((p, q) -> q.isEmpty() ? p : p + "?" + q)),
        Tuple.of(2, forgedPages()));
  }

  /**
   * A search whose {@code page} is a cursor bound to that very search (so it passes the binding
   * check) but carrying sort values of any type, count and size: what someone who read the token
   * format could send.
   */
  private static Arbitrary<String> forgedPages() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200).map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d),
        Arbitraries.of(Boolean.TRUE, "", Long.MAX_VALUE, Long.MIN_VALUE, Double.MAX_VALUE, -0.0d, "_doc", "*"));
    Arbitrary<Object> value = Arbitraries.oneOf(scalar, scalar, scalar,
        scalar.list().ofMaxSize(3).map(l -> (Object) l),
        scalar.map(s -> (Object) Map.of("k", s)));
    Arbitrary<List<Object>> sortValues = value.list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<String> q = Arbitraries.of("", "grace", "grace hop", "a@example.com", "+14155550100");
    Arbitrary<String> size = Arbitraries.of("", "1", "20");
    return Combinators.combine(q, Arbitraries.of("", "US"), Arbitraries.of("", "true"), size, sortValues)
        .as((text, country, verified, pageSize, after) -> {
          String cursor = PageCursor.encode(UserQueryParser.parse(text, country, verified, null, pageSize), after);
          return "/v1/users?" + HostileInputs.query(Arrays.asList("q", text, "country", country, "verified", verified,
              "size", pageSize, "page", cursor));
        });
  }

  @Provide
  Arbitrary<Caller> callers() {
    return Arbitraries.frequency(Tuple.of(1, Caller.NOBODY), Tuple.of(3, Caller.OWNER),
        Tuple.of(2, Caller.OTHER_CUSTOMER), Tuple.of(4, Caller.ADMIN),
        Tuple.of(1, Caller.JUNK));
  }

  @Provide
  Arbitrary<String> headerValues() {
    return HostileInputs.headerValues();
  }

  @Provide
  Arbitrary<String> accepts() {
    return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("", "application/json", "*/*")),
        Tuple.of(2, Arbitraries.of("text/html", "application/xml", "application/problem+json",
            "application/json;q=0")),
        Tuple.of(1, HostileInputs.headerValues()));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(Arbitraries.just(new byte[0]),
        HostileInputs.bodies(new ArrayList<>(PARAMS), PLAUSIBLE));
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
  void noHostileRequestGetsA5xxOrAnythingButProblemJson(@ForAll("methods") String method,
      @ForAll("targets") String target, @ForAll("callers") Caller caller, @ForAll("headerValues") String junk,
      @ForAll("accepts") String accept, @ForAll("bodies") byte[] body) throws Exception {
    HttpRequest request = HostileInputs.request(app.getLocalPort(), method, target, body.length == 0 ? null : body,
        "Authorization", authorization(caller, junk), "Accept", accept, "Content-Type", "application/json",
        "X-Request-Id", junk);

    HostileInputs.assertWellBehaved(HostileInputs.send(request),
        caller + " " + HostileInputs.describe(method, target, body));
  }

  /** Fresh tokens: the run is longer than a token lives. */
  private static String authorization(Caller caller, String junk) {
    return switch (caller) {
      case NOBODY -> null;
      case OWNER -> "Bearer " + tokens.user(owner);
      case OTHER_CUSTOMER -> "Bearer " + tokens.user(UUID.randomUUID());
      case ADMIN -> "Bearer " + tokens.admin();
      case JUNK -> junk;
    };
  }
}
