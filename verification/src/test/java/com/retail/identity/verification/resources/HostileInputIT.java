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
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Ten thousand generated hostile requests at every public endpoint of verification: start and confirm
 * a phone verification, challenges, launch eligibility, account flags (and paths that do not exist),
 * with hostile bodies, paths, query strings, methods and headers, as a stranger, a customer, a service
 * and an admin. None may get a 5xx or anything but problem+json; a refused start, confirm or flag
 * leaves no record behind (verification records in Redis, phone records and flags in Cassandra).
 */
class HostileInputIT {
  private static final List<String> FIELDS = List.of("phone", "locale", "code", "reason", "verificationId", "userId");

  /** Who calls. */
  enum Caller { NOBODY, CUSTOMER, SERVICE, ADMIN, JUNK }

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

  @BeforeContainer
  static void start() throws Exception {
    sns = ItSupport.sns();
    userCommandProxy = ItSupport.userCommandProxy();
    Path signingKeys = Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath();
    command = UserCommandApp.extension(Map.of("eureka.enabled", "false", "signingKeyFile", signingKeys.toString()));
    command.before();
    app = TestStack.app(VerificationApplication.class, "verification", ItSupport.verificationSettings(sns, Map.of()));
    app.before();
    ItSupport.proxyTo(userCommandProxy, command.getLocalPort());
    tokens = new AccessTokens(SigningKeys.load(signingKeys, false), command.getConfiguration().getTokens(), Clock.systemUTC());
    for (int i = 0; i < 3; i++) {
      CUSTOMERS.add(UUID.fromString(ItSupport.customer(command.getLocalPort()).userId()));
    }
    redis = ItSupport.redis();
    redis.hset(ItSupport.keyPrefix() + "ref:launches", LAUNCH, "{\"minAccountAge\":\"PT0S\",\"maxAccountsPerPhone\":1}");
    cassandra = new CassandraConnector(TestStack.cassandra());
    // The first token check fetches user-command's keys; a slow first fetch is not what this test is about.
    HttpRequest warmUp = HostileInputs.request(app.getLocalPort(), "GET",
        "/v1/launches/" + LAUNCH + "/eligibility?userId=" + CUSTOMERS.get(0), null,
        "Authorization", authorization(Caller.SERVICE, CUSTOMERS.get(0), null));
    await().atMost(Duration.ofSeconds(60)).until(() -> HostileInputs.send(warmUp).statusCode() == 200);
  }

  @AfterContainer
  static void stop() {
    cassandra.stop();
    redis.close();
    app.after();
    command.after();
    sns.stop();
    userCommandProxy.stop();
  }

  private static List<String> plausible() {
    List<String> values = new ArrayList<>(List.of(ItSupport.germanMobile(), ItSupport.frenchMobile(), "+14155550100",
        "+4930123456", "+900123456", "+44 7700 900123", "004915112345678", "+491511234567890123", "123456", "000000",
        "１２３４５６", "de-DE", "fr", "xx-YY", "de-DE,fr;q=0.5", "abuse", LAUNCH, UNKNOWN_USER.toString()));
    CUSTOMERS.forEach(id -> values.add(id.toString()));
    return values;
  }

  /** One generated request; {@value #STARTED} in the target stands for the newest verification a customer started. */
  record Call(String method, String target, byte[] body) {}

  private static final String STARTED = "{started}";

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String> segment = HostileInputs.pathSegments(plausible());
    Arbitrary<String> query = HostileInputs.queryStrings(List.of("userId", "phone", "launchId"),
        HostileInputs.texts(plausible()));
    Arbitrary<String> userIds = Arbitraries.oneOf(Arbitraries.of(CUSTOMERS).map(UUID::toString), segment);
    Arbitrary<String> verificationIds = Arbitraries.oneOf(Arbitraries.just(STARTED), Arbitraries.just(STARTED), segment);
    Arbitrary<String> launches = Arbitraries.oneOf(Arbitraries.just(LAUNCH), segment);
    return Arbitraries.frequencyOf(
        Tuple.of(4, body("phone", "locale").map(b -> new Call("POST", "/v1/verifications", b))),
        Tuple.of(3, Combinators.combine(verificationIds, body("code", "verificationId"))
            .as((id, b) -> new Call("POST", "/v1/verifications/" + id + "/confirm", b))),
        Tuple.of(1, query.map(q -> new Call("GET", "/v1/challenges?" + q, null))),
        Tuple.of(2, Combinators.combine(launches, userIds, query)
            .as((launch, user, q) -> new Call("GET", "/v1/launches/" + launch + "/eligibility?userId=" + user + "&" + q, null))),
        Tuple.of(2, Combinators.combine(userIds, body("reason", "userId")).as((user, b) -> new Call("PUT", "/v1/flags/" + user, b))),
        Tuple.of(1, userIds.map(user -> new Call("DELETE", "/v1/flags/" + user, null))),
        Tuple.of(2, Combinators.combine(Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"),
                Arbitraries.oneOf(Arbitraries.of("/v1/verifications", "/v1/challenges", "/dev/sms-outbox?phone=%2B49151",
                    "/v1/flags", "/v1/launches"), segment.map(s -> "/v1/" + s), segment.map(s -> "/v1/verifications/" + s)),
                HostileInputs.bodies(FIELDS, plausible()))
            .as(Call::new)));
  }

  /**
   * Bodies for an endpoint: hostile ones over every field, and nearly right ones (its own field with a
   * plausible value, plus one hostile member) that get past the first check to the rules and stores behind it.
   */
  private static Arbitrary<byte[]> body(String field, String other) {
    Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(plausible()).map(HostileInputs::quoted),
        Arbitraries.strings().numeric().ofLength(6).map(HostileInputs::quoted));
    Arbitrary<byte[]> nearlyRight = Combinators.combine(value, Arbitraries.of(other, "extra", field), HostileInputs.jsonValues())
        .as((v, name, junk) -> ("{\"" + field + "\":" + v + (name.equals(field) ? "}" : ",\"" + name + "\":" + junk + "}"))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Arbitraries.oneOf(HostileInputs.bodies(FIELDS, plausible()), nearlyRight, nearlyRight);
  }

  @Provide
  Arbitrary<String> optionalHeaders() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")), Tuple.of(1, HostileInputs.headerValues()),
        Tuple.of(1, Arbitraries.of("de-DE", "fr;q=0.8,en", "*", "x-klingon")));
  }

  @Provide
  Arbitrary<Caller> callers() {
    return Arbitraries.frequency(Tuple.of(1, Caller.NOBODY), Tuple.of(5, Caller.CUSTOMER), Tuple.of(2, Caller.SERVICE),
        Tuple.of(3, Caller.ADMIN), Tuple.of(1, Caller.JUNK));
  }

  @Provide
  Arbitrary<String> headerValues() {
    return HostileInputs.headerValues();
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("application/json")), Tuple.of(1, HostileInputs.contentTypes()));
  }

  @Property(tries = 10_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
  void noHostileRequestGetsA5xxOrAnythingButProblemJsonOrLeavesARecord(@ForAll("calls") Call call,
      @ForAll("contentTypes") String contentType, @ForAll("callers") Caller caller, @ForAll("headerValues") String junk,
      @ForAll("optionalHeaders") String language, @ForAll("optionalHeaders") String solution) throws Exception {
    UUID customer = CUSTOMERS.get(Math.floorMod(call.target().hashCode(), CUSTOMERS.size()));
    String target = call.target();
    if (target.contains(STARTED)) {
      Started started = lastStarted;
      target = target.replace(STARTED, started == null ? UUID.randomUUID().toString() : started.verificationId());
      customer = started == null ? customer : started.customer();
    }
    HttpRequest request = HostileInputs.request(app.getLocalPort(), call.method(), target, call.body(),
        "Content-Type", contentType, "Authorization", authorization(caller, customer, junk),
        "Accept-Language", language, "X-Challenge-Solution", solution);
    Records before = records(customer);

    HttpResponse<String> response = HostileInputs.send(request);

    String what = caller + " " + HostileInputs.describe(call.method(), target, call.body());
    HostileInputs.assertWellBehaved(response, what);
    if (response.statusCode() == 202) {
      lastStarted = new Started(customer, ItSupport.body(response).get("verificationId").asText());
    }
    if (response.statusCode() >= 400) {
      Records after = records(customer);
      // Verification records expire on their own, so only a new one would be a leftover.
      assertThat(after.verifications()).as("verification records after %s", what).isLessThanOrEqualTo(before.verifications());
      assertThat(after.phoneVerified()).as("phone record after %s", what).isEqualTo(before.phoneVerified());
      assertThat(after.flags()).as("flags after %s", what).isEqualTo(before.flags());
    }
  }

  /** The newest verification a customer started during the run. */
  record Started(UUID customer, String verificationId) {}

  private static volatile Started lastStarted;

  /** What a write could leave: verification records in Redis, the customer's phone record, flags of the named accounts. */
  record Records(long verifications, boolean phoneVerified, long flags) {}

  private static Records records(UUID customer) {
    Session session = cassandra.session();
    String keyspace = cassandra.keyspace();
    return new Records(countKeys(ItSupport.keyPrefix() + "otp:v:*"),
        session.execute("SELECT user_id FROM " + keyspace + ".verified_phones WHERE user_id = ?", customer).one() != null,
        session.execute("SELECT user_id FROM " + keyspace + ".account_flags WHERE user_id IN ?", watched()).all().size());
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
      case ADMIN -> "Bearer " + tokens.issue(UUID.randomUUID(), Set.of(Principal.USER, Principal.ADMIN));
      case JUNK -> junk;
    };
  }
}
