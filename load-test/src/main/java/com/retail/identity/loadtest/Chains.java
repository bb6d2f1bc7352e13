package com.retail.identity.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The requests of the launch day, as Gatling chains. Every request goes through {@link #timed}: its
 * status and response time go to the {@link Recorder} under the traffic class held in the session
 * ({@code cls}), so legitimate and bot outcomes are reported apart.
 */
public final class Chains {
  /** A few entries of a leaked-password list (the kind credential stuffers replay). */
  static final List<String> LEAKED =
      List.of(
          "123456",
          "password",
          "123456789",
          "qwerty123",
          "Password1!",
          "iloveyou",
          "Summer2024!",
          "Welcome1",
          "football1",
          "letmein!",
          "Passw0rd!",
          "monkey123",
          "dragon2024",
          "qwertyuiop",
          "Sunshine1!",
          "Liverpool1",
          "Charlie2023",
          "abc123456",
          "Spring2025!",
          "Winter2024!");

  /** Bots come from a few addresses and a few /24s (RFC 5737 documentation ranges). */
  static final List<String> BOT_ADDRESSES =
      List.of("203.0.113.7", "203.0.113.8", "203.0.113.9", "192.0.2.10", "192.0.2.11");

  private Chains() {}

  public static HttpProtocolBuilder protocol() {
    // Shared keep-alive connections, as a load balancer in front of the service keeps them.
    return http.baseUrl(Settings.commandUrl())
        .contentTypeHeader("application/json")
        .acceptHeader("application/json")
        .userAgentHeader("identity-load-test")
        .disableCaching()
        .shareConnections();
  }

  /** Legitimate clients: spread over many /24s of the benchmarking range 198.18.0.0/15. */
  public static String legitAddress() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  public static String botAddress() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    if (r.nextInt(4) == 0) {
      return "198.51.100." + (1 + r.nextInt(254)); // one bot using a whole /24
    }
    return BOT_ADDRESSES.get(r.nextInt(BOT_ADDRESSES.size()));
  }

  /**
   * Runs the request and records its outcome; {@code expected} statuses are OK in Gatling's own
   * report.
   */
  static ChainBuilder timed(
      String name,
      HttpRequestActionBuilder request,
      List<Integer> expected,
      CheckBuilder... extra) {
    List<CheckBuilder> checks = new ArrayList<>();
    checks.add(status().saveAs("st"));
    checks.add(responseTimeInMillis().saveAs("rt"));
    checks.addAll(Arrays.asList(extra));
    checks.add(status().in(expected));
    return exec(s -> s.remove("st").remove("rt").set("t0", System.currentTimeMillis()))
        .exec(request.check(checks))
        .exec(
            s -> {
              long t0 = s.getLong("t0");
              int st = s.contains("st") ? s.getInt("st") : 0;
              long rt = s.contains("rt") ? s.getInt("rt") : System.currentTimeMillis() - t0;
              Recorder.record(s.getString("cls"), name, st, rt, t0);
              return s;
            });
  }

  public static ChainBuilder register(String label, String emailKind) {
    Function<Session, String> body =
        s ->
            "{\"email\":\""
                + s.getString("regEmail")
                + "\",\"password\":\""
                + s.getString("regPassword")
                + "\",\"firstName\":\"Bench\",\"lastName\":\"User"
                + s.getLong("regN")
                + "\",\"country\":\"US\",\"locale\":\"en-US\"}";
    HttpRequestActionBuilder request =
        http(label + " register")
            .post("/v1/users")
            .header("X-Forwarded-For", "#{xff}")
            .body(StringBody(body));
    if (Settings.idempotencyKeys()) {
      request = request.header("Idempotency-Key", s -> UUID.randomUUID().toString());
    }
    return exec(s -> {
          long n = Population.nextSeq();
          return s.set("regEmail", Population.current().newEmail(emailKind))
              .set("regN", n)
              .set("regPassword", "lantern-Kestrel-" + n + "-Harbor!");
        })
        .exec(timed("register", request, List.of(201)));
  }

  /** A login of a seeded account; a 200 feeds the token ring used by profile reads. */
  public static ChainBuilder login(String label) {
    return exec(s -> {
          Population.Account a = Population.current().randomLegit();
          return s.set("loginEmail", a.email())
              .set("loginPassword", a.password())
              .remove("token")
              .remove("tokenUser");
        })
        .exec(
            timed(
                "login",
                http(label + " login")
                    .post("/v1/sessions")
                    .header("X-Forwarded-For", "#{xff}")
                    .body(
                        StringBody(
                            s ->
                                "{\"email\":\""
                                    + s.getString("loginEmail")
                                    + "\",\"password\":\""
                                    + s.getString("loginPassword")
                                    + "\"}")),
                List.of(200),
                jsonPath("$.accessToken").optional().saveAs("token"),
                jsonPath("$.userId").optional().saveAs("tokenUser")))
        .exec(
            s -> {
              if (s.contains("token") && s.contains("tokenUser")) {
                Population.current()
                    .offer(new Population.Token(s.getString("tokenUser"), s.getString("token")));
              }
              return s;
            });
  }

  /** The profile read the apps do after login (user-query, bearer of that user). */
  public static ChainBuilder profile(String label) {
    return exec(s -> {
          Population.Token t = Population.current().randomToken();
          return t == null
              ? s.set("readUser", UUID.randomUUID().toString()).set("readToken", "none")
              : s.set("readUser", t.userId()).set("readToken", t.accessToken());
        })
        .exec(
            timed(
                "profile",
                http(label + " profile")
                    .get(Settings.queryUrl() + "/v1/users/#{readUser}")
                    .header("Authorization", "Bearer #{readToken}"),
                List.of(200)));
  }

  /**
   * Support staff looking a customer up by name as typed ("Bench Seed12" finds Seed12, Seed120,
   * ...); admin token. A name every customer shares would make each search score the whole index
   * (ADR 0701).
   */
  public static ChainBuilder search(String label) {
    return exec(s ->
            s.set("adminToken", String.valueOf(Population.current().adminToken()))
                .set(
                    "searchName",
                    "Bench Seed"
                        + ThreadLocalRandom.current()
                            .nextInt(Math.max(1, Population.current().legitCount()))))
        .exec(
            timed(
                "search",
                http(label + " search")
                    .get(Settings.queryUrl() + "/v1/users")
                    .queryParam("q", "#{searchName}")
                    .queryParam("size", "10")
                    .header("Authorization", "Bearer #{adminToken}"),
                List.of(200)));
  }

  /** Admin login (keeps the search token fresh); recorded under class "admin". */
  public static ChainBuilder adminLogin() {
    String email = Settings.str("lt.adminEmail", "admin@local.test");
    String password = Settings.str("lt.adminPassword", "local-admin-pass-1");
    return exec(s -> s.set("cls", "admin").set("xff", "198.18.0.1"))
        .exec(
            timed(
                "admin-login",
                http("admin login")
                    .post("/v1/sessions")
                    .header("X-Forwarded-For", "#{xff}")
                    .body(
                        StringBody(
                            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")),
                List.of(200),
                jsonPath("$.accessToken").optional().saveAs("adminFresh")))
        .exec(
            s -> {
              if (s.contains("adminFresh")) {
                Population.current().adminToken(s.getString("adminFresh"));
              }
              return s;
            });
  }

  /** 20% registrations, 70% logins, 10% profile reads and searches (shares are settings). */
  public static ChainBuilder launchMix(String label) {
    double register = Settings.registerPercent();
    double login = Settings.loginPercent();
    double rest = Math.max(0, 100 - register - login);
    List<Choice.WithWeight> choices = new ArrayList<>();
    choices.add(percent(register).then(register(label, "lt")));
    choices.add(percent(login).then(login(label)));
    if (Settings.searches()) {
      choices.add(percent(rest / 2).then(profile(label)));
      choices.add(percent(rest / 2).then(search(label)));
    } else {
      choices.add(percent(rest).then(profile(label)));
    }
    return exec(s -> s.set("cls", Phase.legitClass()).set("xff", legitAddress()))
        .exec(randomSwitch().on(choices));
  }

  /** Credential stuffing: leaked passwords against real (victim) and unknown emails. */
  public static ChainBuilder stuffing() {
    return exec(s -> {
          ThreadLocalRandom r = ThreadLocalRandom.current();
          String email =
              r.nextBoolean()
                  ? Population.current().randomVictim().email()
                  : "leak-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "@example.net";
          return s.set("botEmail", email).set("botPassword", LEAKED.get(r.nextInt(LEAKED.size())));
        })
        .exec(
            timed(
                "stuffing",
                http("bot stuffing")
                    .post("/v1/sessions")
                    .header("X-Forwarded-For", "#{xff}")
                    .body(
                        StringBody(
                            s ->
                                "{\"email\":\""
                                    + s.getString("botEmail")
                                    + "\",\"password\":\""
                                    + s.getString("botPassword")
                                    + "\"}")),
                List.of(401, 403, 429)));
  }

  /** Bots at 10 x R: 70% credential stuffing, 30% scripted registrations; no challenge solving. */
  public static ChainBuilder bots() {
    return exec(s -> s.set("cls", Phase.botClass()).set("xff", botAddress()))
        .exec(
            randomSwitch()
                .on(percent(70).then(stuffing()), percent(30).then(exec(register("bot", "bot")))));
  }
}
