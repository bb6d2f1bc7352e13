package com.retail.identity.verification.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.driver.core.Session;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.HostileInputs;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Ten thousand generated hostile requests at every public endpoint of verification: start and
 * confirm a phone verification, challenges, launch eligibility, account flags (and paths that do
 * not exist), with hostile bodies, paths, query strings, methods and headers, as a stranger, a
 * customer, a service and an admin. None may get a 5xx or anything but problem+json; a refused
 * start, confirm or flag leaves no record behind (verification records in Redis, phone records and
 * flags in Cassandra).
 */
class HostileInputIT {
  private static final List<String> FIELDS =
      List.of(
          "phone",
          "locale",
          "code",
          "reason",
          "verificationId",
          "userId",
          "kind",
          "secret",
          "minutes",
          "language");

  /** Who calls. */
  enum Caller {
    NOBODY,
    CUSTOMER,
    SERVICE,
    ADMIN,
    JUNK
  }

  private static WireMockServer sns;
  private static WireMockServer userCommandProxy;
  private static DropwizardAppExtension<UserCommandConfiguration> command;
  private static DropwizardAppExtension<VerificationConfiguration> app;
  private static AccessTokens tokens;
  private static JedisPooled redis;
  private static CassandraConnector cassandra;
  private static final List<UUID> CUSTOMERS = new ArrayList<>();
  private static final String LAUNCH = "launch-hostile-" + UUID.randomUUID();
  private static final UUID UNKNOWN_USER = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    sns = ItSupport.sns();
    userCommandProxy = ItSupport.userCommandProxy();
    Path signingKeys =
        Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath();
    command =
        UserCommandApp.extension(
            Map.of("eureka.enabled", "false", "signingKeyFile", signingKeys.toString()));
    command.before();
    app =
        TestStack.app(
            VerificationApplication.class,
            "verification",
            ItSupport.verificationSettings(sns, Map.of()));
    app.before();
    ItSupport.proxyTo(userCommandProxy, command.getLocalPort());
    tokens =
        new AccessTokens(
            SigningKeys.load(signingKeys, false),
            command.getConfiguration().getTokens(),
            Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      CUSTOMERS.add(UUID.fromString(ItSupport.customer(command.getLocalPort()).userId()));
    }
    redis = ItSupport.redis();
    redis.hset(
        ItSupport.keyPrefix() + "ref:launches",
        LAUNCH,
        "{\"minAccountAge\":\"PT0S\",\"maxAccountsPerPhone\":1}");
    cassandra = new CassandraConnector(TestStack.cassandra());
    // The first token check fetches user-command's keys; a slow first fetch is not what this test
    // is about.
    HttpRequest warmUp =
        HostileInputs.request(
            app.getLocalPort(),
            "GET",
            "/v1/launches/" + LAUNCH + "/eligibility?userId=" + CUSTOMERS.get(0),
            null,
            "Authorization",
            authorization(Caller.SERVICE, CUSTOMERS.get(0), null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> HostileInputs.send(warmUp).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    cassandra.stop();
    redis.close();
    app.after();
    command.after();
    sns.stop();
    userCommandProxy.stop();
  }

  private static List<String> plausible() {
    List<String> values =
        new ArrayList<>(
            List.of(
                ItSupport.germanMobile(),
                ItSupport.frenchMobile(),
                "+14155550100",
                "+4930123456",
                "+900123456",
                "+44 7700 900123",
                "004915112345678",
                "+491511234567890123",
                "123456",
                "000000",
                "１２３４５６",
                "de-DE",
                "fr",
                "xx-YY",
                "de-DE,fr;q=0.5",
                "abuse",
                "password-reset",
                "30",
                LAUNCH,
                UNKNOWN_USER.toString()));
    CUSTOMERS.forEach(id -> values.add(id.toString()));
    return values;
  }

  /**
   * One generated request; {@value #STARTED} in the target stands for the newest verification a
   * customer started.
   */
  record Call(String method, String target, byte[] body) {}

  private static final String STARTED = "{started}";

  private static Gen<Call> calls() {
    Gen<String> segment = HostileInputs.pathSegments(plausible());
    Gen<String> query =
        HostileInputs.queryStrings(
            List.of("userId", "phone", "launchId"), HostileInputs.texts(plausible()));
    Gen<String> userIds =
        HostileInputs.oneOf(HostileInputs.pick(CUSTOMERS).map(UUID::toString), segment);
    Gen<String> verificationIds =
        HostileInputs.oneOf(Generate.constant(STARTED), Generate.constant(STARTED), segment);
    Gen<String> launches = HostileInputs.oneOf(Generate.constant(LAUNCH), segment);
    return Generate.frequency(
        Pair.of(4, body("phone", "locale").map(b -> new Call("POST", "/v1/verifications", b))),
        Pair.of(
            3,
            verificationIds.zip(
                body("code", "verificationId"),
                (id, b) -> new Call("POST", "/v1/verifications/" + id + "/confirm", b))),
        Pair.of(1, query.map(q -> new Call("GET", "/v1/challenges?" + q, null))),
        Pair.of(
            2,
            launches.zip(
                userIds,
                query,
                (launch, user, q) ->
                    new Call(
                        "GET",
                        "/v1/launches/" + launch + "/eligibility?userId=" + user + "&" + q,
                        null))),
        Pair.of(
            2,
            userIds.zip(
                body("reason", "userId"), (user, b) -> new Call("PUT", "/v1/flags/" + user, b))),
        Pair.of(1, userIds.map(user -> new Call("DELETE", "/v1/flags/" + user, null))),
        Pair.of(2, body("secret", "phone").map(b -> new Call("POST", "/internal/account-sms", b))),
        Pair.of(
            2,
            HostileInputs.pick("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")
                .zip(
                    HostileInputs.oneOf(
                        HostileInputs.pick(
                            "/v1/verifications",
                            "/v1/challenges",
                            "/dev/sms-outbox?phone=%2B49151",
                            "/v1/flags",
                            "/v1/launches",
                            "/internal/account-sms"),
                        segment.map(s -> "/v1/" + s),
                        segment.map(s -> "/v1/verifications/" + s)),
                    HostileInputs.bodies(FIELDS, plausible()),
                    Call::new)));
  }

  /**
   * Bodies for an endpoint: hostile ones over every field, and nearly right ones (its own field
   * with a plausible value, plus one hostile member) that get past the first check to the rules and
   * stores behind it.
   */
  private static Gen<byte[]> body(String field, String other) {
    Gen<String> value =
        HostileInputs.oneOf(
            HostileInputs.pick(plausible()).map(HostileInputs::quoted),
            HostileInputs.textOf('0', '9', 6, 6).map(HostileInputs::quoted));
    Gen<byte[]> nearlyRight =
        value.zip(
            HostileInputs.pick(other, "extra", field),
            HostileInputs.jsonValues(),
            (v, name, junk) ->
                ("{\""
                        + field
                        + "\":"
                        + v
                        + (name.equals(field) ? "}" : ",\"" + name + "\":" + junk + "}"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HostileInputs.oneOf(HostileInputs.bodies(FIELDS, plausible()), nearlyRight, nearlyRight);
  }

  private static Gen<String> optionalHeaders() {
    return Generate.frequency(
        Pair.of(3, Generate.constant("")),
        Pair.of(1, HostileInputs.headerValues()),
        Pair.of(1, HostileInputs.pick("de-DE", "fr;q=0.8,en", "*", "x-klingon")));
  }

  private static Gen<Caller> callers() {
    return Generate.frequency(
        Pair.of(1, Generate.constant(Caller.NOBODY)),
        Pair.of(5, Generate.constant(Caller.CUSTOMER)),
        Pair.of(2, Generate.constant(Caller.SERVICE)),
        Pair.of(3, Generate.constant(Caller.ADMIN)),
        Pair.of(1, Generate.constant(Caller.JUNK)));
  }

  private static Gen<String> contentTypes() {
    return HostileInputs.frequencyOf(
        3, Generate.constant("application/json"), 1, HostileInputs.contentTypes());
  }

  /** One generated attempt: the call, and the headers it carries. */
  record Attempt(
      Call call, String contentType, Caller caller, String junk, String language, String solution) {
    @Override
    public String toString() {
      return caller + " " + HostileInputs.describe(call.method(), call.target(), call.body());
    }
  }

  private static Gen<Attempt> attempts() {
    Gen<Call> calls = calls();
    Gen<String> contentTypes = contentTypes();
    Gen<Caller> callers = callers();
    Gen<String> headerValues = HostileInputs.headerValues();
    Gen<String> optionalHeaders = optionalHeaders();
    return in ->
        new Attempt(
            calls.generate(in),
            contentTypes.generate(in),
            callers.generate(in),
            headerValues.generate(in),
            optionalHeaders.generate(in),
            optionalHeaders.generate(in));
  }

  @Test
  void noHostileRequestGetsA5xxOrAnythingButProblemJsonOrLeavesARecord() {
    HostileInputs.check(
        HostileInputs.cases(),
        attempts(),
        attempt -> {
          // Given a generated request, and what the stores hold before it
          Call call = attempt.call();
          UUID customer = CUSTOMERS.get(Math.floorMod(call.target().hashCode(), CUSTOMERS.size()));
          String target = call.target();
          if (target.contains(STARTED)) {
            Started started = lastStarted;
            target =
                target.replace(
                    STARTED,
                    started == null ? UUID.randomUUID().toString() : started.verificationId());
            customer = started == null ? customer : started.customer();
          }
          HttpRequest request =
              HostileInputs.request(
                  app.getLocalPort(),
                  call.method(),
                  target,
                  call.body(),
                  "Content-Type",
                  attempt.contentType(),
                  "Authorization",
                  authorization(attempt.caller(), customer, attempt.junk()),
                  "Accept-Language",
                  attempt.language(),
                  "X-Challenge-Solution",
                  attempt.solution());
          Records before = records(customer);

          // When it is sent
          HttpResponse<String> response = HostileInputs.send(request);

          // Then the answer is well behaved, and a refusal leaves no record behind
          String what =
              attempt.caller() + " " + HostileInputs.describe(call.method(), target, call.body());
          HostileInputs.assertWellBehaved(response, what);
          if (response.statusCode() == 202) {
            lastStarted =
                new Started(customer, ItSupport.body(response).get("verificationId").asText());
          }
          if (response.statusCode() >= 400) {
            Records after = records(customer);
            // Verification records expire on their own, so only a new one would be a leftover.
            assertThat(after.verifications())
                .as("verification records after %s", what)
                .isLessThanOrEqualTo(before.verifications());
            assertThat(after.phoneVerified())
                .as("phone record after %s", what)
                .isEqualTo(before.phoneVerified());
            assertThat(after.flags()).as("flags after %s", what).isEqualTo(before.flags());
          }
        });
  }

  /** The newest verification a customer started during the run. */
  record Started(UUID customer, String verificationId) {}

  private static volatile Started lastStarted;

  /**
   * What a write could leave: verification records in Redis, the customer's phone record, flags of
   * the named accounts.
   */
  record Records(long verifications, boolean phoneVerified, long flags) {}

  private static Records records(UUID customer) {
    Session session = cassandra.session();
    String keyspace = cassandra.keyspace();
    return new Records(
        countKeys(ItSupport.keyPrefix() + "otp:v:*"),
        session
                .execute(
                    "SELECT user_id FROM " + keyspace + ".verified_phones WHERE user_id = ?",
                    customer)
                .one()
            != null,
        session
            .execute(
                "SELECT user_id FROM " + keyspace + ".account_flags WHERE user_id IN ?", watched())
            .all()
            .size());
  }

  /** Every account id the generated requests name. */
  private static List<UUID> watched() {
    List<UUID> ids = new ArrayList<>(CUSTOMERS);
    ids.add(UNKNOWN_USER);
    return ids;
  }

  private static long countKeys(String pattern) {
    long count = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(pattern).count(1000);
    do {
      ScanResult<String> page = redis.scan(cursor, params);
      count += page.getResult().size();
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return count;
  }

  /** Fresh tokens: the run is longer than a token lives. */
  private static String authorization(Caller caller, UUID customer, String junk) {
    return switch (caller) {
      case NOBODY -> null;
      case CUSTOMER -> "Bearer " + tokens.issue(customer, Set.of(Principal.USER));
      case SERVICE -> "Bearer " + tokens.issue(UUID.randomUUID(), Set.of(Principal.SERVICE));
      case ADMIN ->
          "Bearer " + tokens.issue(UUID.randomUUID(), Set.of(Principal.USER, Principal.ADMIN));
      case JUNK -> junk;
    };
  }
}
