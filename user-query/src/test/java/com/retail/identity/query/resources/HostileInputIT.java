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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Ten thousand generated hostile requests at every public endpoint of user-query: profile reads
 * ({@code /v1/users/{id}?minVersion=}), admin search with its query strings (including forged
 * {@code nextPage} cursors of the right query with sort values of every type), reference data; with
 * hostile paths, query strings, bodies, methods and headers, as a stranger, the profile's owner,
 * another customer and an admin. None may get a 5xx or anything but problem+json. user-query has no
 * write path over HTTP (its ArchitectureTest keeps it from appending to the event log), so there is
 * no record to leave half-made.
 */
class HostileInputIT {
  private static final List<String> PARAMS =
      List.of(
          "q",
          "country",
          "verified",
          "page",
          "size",
          "minVersion",
          "subject",
          "actor",
          "from",
          "to",
          "before",
          "limit");
  private static final List<String> PLAUSIBLE =
      List.of(
          "US",
          "de",
          "true",
          "false",
          "1",
          "20",
          "100",
          "101",
          "0",
          "grace",
          "grace hop",
          "Grace@Example.com",
          "+1 (415) 555-0100",
          "0014155550100",
          "999999999",
          "1000000000000000000",
          "2026-12-01T00:00:00Z",
          "2026-12-01T00:00:00",
          "13814000-1dd2-11b2-8080-808080808080",
          "cli:root",
          "knob:identity.x");

  /** Who calls. */
  enum Caller {
    NOBODY,
    OWNER,
    OTHER_CUSTOMER,
    ADMIN,
    JUNK
  }

  private static TestTokens tokens;
  private static DropwizardAppExtension<UserQueryConfiguration> app;
  private static Seed seed;
  private static UUID owner;

  @BeforeAll
  static void start() throws Exception {
    tokens = TestTokens.start();
    app =
        TestStack.app(
            UserQueryApplication.class,
            "user-query",
            Map.of("eureka.enabled", "false", "userCommandClient", tokens.clientName()));
    app.before();
    seed = Seed.open();
    owner = seed.register("Hostile", "Reader");
    // The first token check fetches the issuer's keys; a slow first fetch is not what this test is
    // about.
    HttpRequest warmUp =
        HostileInputs.request(
            app.getLocalPort(),
            "GET",
            "/v1/reference/countries",
            null,
            "Authorization",
            authorization(Caller.ADMIN, null));
    HttpRequest search =
        HostileInputs.request(
            app.getLocalPort(),
            "GET",
            "/v1/users?size=1",
            null,
            "Authorization",
            authorization(Caller.ADMIN, null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                HostileInputs.send(warmUp).statusCode() == 200
                    && HostileInputs.send(search).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    app.after();
    seed.close();
    tokens.stop();
  }

  private static Gen<String> methods() {
    return HostileInputs.frequencyOf(
        8,
        Generate.constant("GET"),
        1,
        HostileInputs.pick(
            "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND"));
  }

  private static Gen<String> targets() {
    List<String> ids =
        List.of(
            owner.toString(),
            UUID.randomUUID().toString(),
            owner.toString().toUpperCase(),
            owner.toString().replace("-", ""),
            " " + owner,
            "countries");
    Gen<String> segment = HostileInputs.pathSegments(ids);
    Gen<String> path =
        HostileInputs.oneOf(
            segment.map(s -> "/v1/users/" + s),
            HostileInputs.pick(
                "/v1/users/" + owner,
                "/v1/users",
                "/v1/users/",
                "/v1/reference/countries",
                "/v1/reference",
                "/v1/audit",
                "/v1/audit?subject=" + owner,
                "/v1/audit?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"),
            segment.map(s -> "/v1/reference/" + s),
            segment.map(s -> "/v1/users/" + owner + "/" + s),
            segment.map(s -> "/" + s));
    Gen<String> query = HostileInputs.queryStrings(PARAMS, HostileInputs.texts(PLAUSIBLE));
    return HostileInputs.frequencyOf(
        6, path.zip(query, (p, q) -> q.isEmpty() ? p : p + "?" + q), 2, forgedPages());
  }

  /**
   * A search whose {@code page} is a cursor bound to that very search (so it passes the binding
   * check) but carrying sort values of any type, count and size: what someone who read the token
   * format could send.
   */
  private static Gen<String> forgedPages() {
    Gen<Object> scalar =
        HostileInputs.oneOf(
            HostileInputs.anyText(0, 200),
            HostileInputs.longs(),
            HostileInputs.doublesOfAnySize().map(d -> Double.isFinite(d) ? d : Double.MAX_VALUE),
            HostileInputs.<Object>pick(
                Boolean.TRUE,
                "",
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Double.MAX_VALUE,
                -0.0d,
                "_doc",
                "*"));
    Gen<Object> value =
        HostileInputs.oneOf(
            scalar,
            scalar,
            scalar,
            HostileInputs.listsOf(scalar, 0, 3),
            scalar.map(s -> Map.of("k", s)));
    Gen<List<Object>> sortValues = HostileInputs.listsOf(value, 1, 4);
    Gen<String> q = HostileInputs.pick("", "grace", "grace hop", "a@example.com", "+14155550100");
    Gen<String> countries = HostileInputs.pick("", "US");
    Gen<String> verifieds = HostileInputs.pick("", "true");
    Gen<String> sizes = HostileInputs.pick("", "1", "20");
    return in -> {
      String text = q.generate(in);
      String country = countries.generate(in);
      String verified = verifieds.generate(in);
      String pageSize = sizes.generate(in);
      String cursor =
          PageCursor.encode(
              UserQueryParser.parse(text, country, verified, null, pageSize),
              sortValues.generate(in));
      return "/v1/users?"
          + HostileInputs.query(
              Arrays.asList(
                  "q",
                  text,
                  "country",
                  country,
                  "verified",
                  verified,
                  "size",
                  pageSize,
                  "page",
                  cursor));
    };
  }

  private static Gen<Caller> callers() {
    return Generate.frequency(
        Pair.of(1, Generate.constant(Caller.NOBODY)),
        Pair.of(3, Generate.constant(Caller.OWNER)),
        Pair.of(2, Generate.constant(Caller.OTHER_CUSTOMER)),
        Pair.of(4, Generate.constant(Caller.ADMIN)),
        Pair.of(1, Generate.constant(Caller.JUNK)));
  }

  private static Gen<String> accepts() {
    return Generate.frequency(
        Pair.of(6, HostileInputs.pick("", "application/json", "*/*")),
        Pair.of(
            2,
            HostileInputs.pick(
                "text/html",
                "application/xml",
                "application/problem+json",
                "application/json;q=0")),
        Pair.of(1, HostileInputs.headerValues()));
  }

  private static Gen<byte[]> bodies() {
    return HostileInputs.oneOf(
        Generate.constant(new byte[0]), HostileInputs.bodies(new ArrayList<>(PARAMS), PLAUSIBLE));
  }

  /** One generated request. */
  record Attempt(
      String method, String target, Caller caller, String junk, String accept, byte[] body) {
    @Override
    public String toString() {
      return caller + " " + HostileInputs.describe(method, target, body);
    }
  }

  private static Gen<Attempt> attempts() {
    Gen<String> methods = methods();
    Gen<String> targets = targets();
    Gen<Caller> callers = callers();
    Gen<String> headerValues = HostileInputs.headerValues();
    Gen<String> accepts = accepts();
    Gen<byte[]> bodies = bodies();
    return in ->
        new Attempt(
            methods.generate(in),
            targets.generate(in),
            callers.generate(in),
            headerValues.generate(in),
            accepts.generate(in),
            bodies.generate(in));
  }

  @Test
  void noHostileRequestGetsA5xxOrAnythingButProblemJson() {
    HostileInputs.check(
        HostileInputs.cases(),
        attempts(),
        attempt -> {
          // Given a generated request from one of the callers
          HttpRequest request =
              HostileInputs.request(
                  app.getLocalPort(),
                  attempt.method(),
                  attempt.target(),
                  attempt.body().length == 0 ? null : attempt.body(),
                  "Authorization",
                  authorization(attempt.caller(), attempt.junk()),
                  "Accept",
                  attempt.accept(),
                  "Content-Type",
                  "application/json",
                  "X-Request-Id",
                  attempt.junk(),
                  "Audit-Reason",
                  attempt.junk());

          // When it is sent, then the answer is well behaved
          HostileInputs.assertWellBehaved(HostileInputs.send(request), attempt.toString());
        });
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
