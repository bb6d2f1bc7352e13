package com.retail.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.client.query.ApiClient;
import com.retail.identity.client.query.api.ReferenceApi;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.query.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The read side on the real stores: projections into search and cache, profile reads with
 * read-your-writes, admin search, reference data, metrics and health.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadSideIT {
  private static final TestTokens TOKENS = TestTokens.start();
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of("eureka.enabled", "false", "userCommandClient", TOKENS.clientName()));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Seed SEED = Seed.open();
  private static final ReadStores STORES = new ReadStores();
  private static final String ALIAS = ReadStores.alias();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void close() {
    STORES.close();
    SEED.close();
    TOKENS.stop();
  }

  /** A last name no other test uses, so name searches see only this test's users. */
  private static String uniqueName(String base) {
    StringBuilder s = new StringBuilder(base);
    for (int i = 0; i < 8; i++) {
      s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return s.toString();
  }

  private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + QUERY.getLocalPort() + pathAndQuery))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode search(String query) throws Exception {
    HttpResponse<String> response = get("/v1/users?" + query, TOKENS.admin());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("userId").asText()));
    return ids;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void givenANewUser_whenRegistered_thenAnAdminFindsThemByNamePrefixWithin2Seconds() {
    String lastName = uniqueName("Hopper");
    UUID userId = SEED.register("Grace", lastName);

    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(ids(search("q=" + encode("grace " + lastName.substring(0, 9)))))
                    .containsExactly(userId.toString()));
  }

  @Test
  void givenAProfileUpdate_whenProjected_thenBothHoldItAndNeitherHoldsPersonalDataInTheClear()
      throws Exception {
    String lastName = uniqueName("Lovelace");
    UUID userId = SEED.register("Ada", lastName);
    long version = SEED.rename(userId, "Augusta");

    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode cached = STORES.cachedProfile(userId, SEED.cipher()).orElseThrow();
              assertThat(cached.path("version").asLong()).isEqualTo(version);
              assertThat(cached.path("firstName").asText()).isEqualTo("Augusta");
              JsonNode indexed = STORES.searchDocument(ALIAS, userId).orElseThrow();
              assertThat(indexed.path("_version").asLong()).isEqualTo(version);
            });
    JsonNode cachedRaw = STORES.cacheDocument(userId).orElseThrow();
    assertThat(fieldNames(cachedRaw)).containsExactlyInAnyOrder("userId", "version", "sealed");
    assertThat(cachedRaw.toString().toLowerCase(Locale.ROOT))
        .doesNotContain("augusta")
        .doesNotContain(lastName.toLowerCase(Locale.ROOT))
        .doesNotContain("@");
    JsonNode indexed = STORES.searchDocument(ALIAS, userId).orElseThrow().path("_source");
    assertThat(fieldNames(indexed))
        .isSubsetOf(
            "userId",
            "emailHash",
            "phoneHash",
            "namePrefixes",
            "phoneVerified",
            "emailVerified",
            "country",
            "createdAt",
            "version");
    assertThat(indexed.toString().toLowerCase(Locale.ROOT))
        .doesNotContain("augusta")
        .doesNotContain(lastName.toLowerCase(Locale.ROOT))
        .doesNotContain("@");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(ids(search("q=" + encode("augusta " + lastName))))
                    .as("found by the new name")
                    .containsExactly(userId.toString()));
    assertThat(ids(search("q=" + encode("ada " + lastName))))
        .as("no longer by the old one")
        .isEmpty();
  }

  @Test
  void givenAnErasure_whenProjected_thenBothDocumentsAreGoneAndTheProfileIs404() throws Exception {
    UUID userId = SEED.register("Erin", uniqueName("Erased"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                STORES.cacheDocument(userId).isPresent()
                    && STORES.searchDocument(ALIAS, userId).isPresent());

    SEED.erase(userId);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                STORES.cacheDocument(userId).isEmpty()
                    && STORES.searchDocument(ALIAS, userId).isEmpty());
    HttpResponse<String> read = get("/v1/users/" + userId, TOKENS.admin());
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(STORES.cacheDocument(userId)).as("the read did not put it back").isEmpty();
  }

  @Test
  void givenAConcurrentWriter_whenReadingWithMinVersion_thenNoAnswerIsEverOlderThanAsked()
      throws Exception {
    UUID userId = SEED.register("Rey", uniqueName("Writer"));
    String token = TOKENS.user(userId);
    ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer =
          threads.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  long v = SEED.version(userId) + 1;
                  written.add(SEED.rename(userId, "Name" + v));
                  Thread.sleep(20);
                }
                return null;
              });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            threads.submit(
                () -> {
                  int reads = 0;
                  while (!writer.isDone() || reads == 0) {
                    Long asked =
                        written.peek() == null
                            ? 1L
                            : written.stream().max(Long::compare).orElse(1L);
                    HttpResponse<String> response =
                        get("/v1/users/" + userId + "?minVersion=" + asked, token);
                    JsonNode profile = JSON.readTree(response.body());
                    long got = profile.path("version").asLong();
                    if (response.statusCode() != 200
                        || got < asked
                        || (got > 1 && !profile.path("firstName").asText().equals("Name" + got))) {
                      violations.add(
                          "asked "
                              + asked
                              + ", got "
                              + response.statusCode()
                              + " "
                              + response.body());
                    }
                    reads++;
                  }
                  return reads;
                }));
      }
      writer.get();
      int reads = 0;
      for (Future<Integer> reader : readers) {
        reads += reader.get();
      }
      assertThat(reads).isGreaterThanOrEqualTo(10);
    } finally {
      threads.shutdownNow();
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void givenAnAdmin_whenSearchingByExactEmailOrPhone_thenOnlyThatUserIsFound() throws Exception {
    String email = "It.Exact." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    String phone = "+1415555" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    UUID userId = SEED.register("Exa", uniqueName("Ct"), email.toLowerCase(), phone, "US");
    SEED.verifyPhone(userId, phone);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ids(search("q=" + encode(email.toUpperCase()))))
                    .containsExactly(userId.toString()));
    String formatted =
        phone.substring(0, 2)
            + " ("
            + phone.substring(2, 5)
            + ") "
            + phone.substring(5, 8)
            + "-"
            + phone.substring(8);
    JsonNode byPhone = search("q=" + encode(formatted) + "&verified=true&country=us");
    assertThat(ids(byPhone)).containsExactly(userId.toString());
    assertThat(byPhone.at("/items/0/phoneVerified").asBoolean()).isTrue();
    assertThat(byPhone.at("/items/0/email").asText())
        .as("shown from the profile, not the index")
        .isEqualTo(email.toLowerCase());
    assertThat(ids(search("q=" + encode(formatted) + "&verified=false"))).isEmpty();
  }

  @Test
  void givenMoreHitsThanAPage_whenFollowingNextPage_thenEveryHitComesOnceAndTheLastPageHasNoNext()
      throws Exception {
    String lastName = uniqueName("Paged");
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      created.add(SEED.register("Page" + i, lastName).toString());
    }
    String q = "q=" + encode(lastName) + "&size=2";
    await().atMost(Duration.ofSeconds(10)).until(() -> search(q).path("total").asInt() == 5);

    List<String> seen = new ArrayList<>();
    JsonNode page = search(q);
    int pages = 1;
    while (page.hasNonNull("nextPage")) {
      seen.addAll(ids(page));
      page = search(q + "&page=" + encode(page.path("nextPage").asText()));
      pages++;
    }
    seen.addAll(ids(page));

    assertThat(seen).hasSize(5).containsExactlyInAnyOrderElementsOf(created);
    assertThat(pages).isEqualTo(3);
    assertThat(ids(search(q + "&page=2"))).hasSize(2).doesNotContainAnyElementsOf(ids(search(q)));
  }

  @Test
  void givenBadInput_thenProblemsNameTheField_andRolesAndOwnershipAreEnforced() throws Exception {
    for (String bad :
        List.of(
            "size=0",
            "size=101",
            "size=ten",
            "verified=maybe",
            "country=XX",
            "page=garbage",
            "q=" + encode("a@"),
            "page=11&size=100")) {
      HttpResponse<String> response = get("/v1/users?" + bad, TOKENS.admin());
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText())
          .as(bad)
          .isEqualTo(bad.substring(0, bad.indexOf('=')));
    }
    UUID someone = SEED.register("Some", uniqueName("One"));
    HttpResponse<String> minVersion =
        get("/v1/users/" + someone + "?minVersion=abc", TOKENS.user(someone));
    assertThat(minVersion.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(minVersion.body()).at("/errors/0/field").asText())
        .isEqualTo("minVersion");

    assertThat(get("/v1/users?q=x", TOKENS.user(someone)).statusCode())
        .as("not an admin")
        .isEqualTo(403);
    assertThat(get("/v1/users?q=x", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/users/" + someone, TOKENS.user(UUID.randomUUID())).statusCode())
        .as("another user's")
        .isEqualTo(403);
    assertThat(get("/v1/users/" + UUID.randomUUID(), TOKENS.user(UUID.randomUUID())).statusCode())
        .as("a user that does not exist looks the same")
        .isEqualTo(403);
    HttpResponse<String> unknown = get("/v1/users/" + UUID.randomUUID(), TOKENS.admin());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("type").asText()).endsWith("/not-found");
    HttpResponse<String> ahead =
        get("/v1/users/" + someone + "?minVersion=99", TOKENS.user(someone));
    assertThat(ahead.statusCode()).isEqualTo(409);
  }

  @Test
  void givenTheOwner_whenReading_thenTheProfileComesWithItsVersionAsETagAndItsSource()
      throws Exception {
    UUID userId = SEED.register("Own", uniqueName("Er"));

    HttpResponse<String> first = get("/v1/users/" + userId, TOKENS.user(userId));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(first.headers().firstValue("X-Profile-Source")).isPresent();
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-store");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        get("/v1/users/" + userId, TOKENS.user(userId))
                            .headers()
                            .firstValue("X-Profile-Source"))
                    .hasValue("cache"));
  }

  @Test
  void givenACacheDocumentOfTheEarlierPlainFormat_thenItIsNotReadAndTheNextChangeSealsIt()
      throws Exception {
    // Given a profile whose cache document is of the format before sealing (names in the clear)
    String lastName = uniqueName("Plain");
    UUID userId = SEED.register("Olde", lastName);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> STORES.cachedProfile(userId, SEED.cipher()).isPresent());
    STORES.putCacheDocument(
        userId,
        "{\"userId\":\""
            + userId
            + "\",\"firstName\":\"Stale\",\"lastName\":\""
            + lastName
            + "\",\"version\":1}");

    // When it is read, then the stream answers, not the plain document
    HttpResponse<String> read = get("/v1/users/" + userId, TOKENS.user(userId));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("X-Profile-Source")).hasValue("stream");
    assertThat(JSON.readTree(read.body()).path("firstName").asText()).isEqualTo("Olde");

    // And the next change of the account replaces it with a sealed one
    long version = SEED.rename(userId, "Newer");
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              JsonNode raw = STORES.cacheDocument(userId).orElseThrow();
              assertThat(fieldNames(raw)).containsExactlyInAnyOrder("userId", "version", "sealed");
              assertThat(raw.path("version").asLong()).isEqualTo(version);
              assertThat(
                      STORES
                          .cachedProfile(userId, SEED.cipher())
                          .orElseThrow()
                          .path("firstName")
                          .asText())
                  .isEqualTo("Newer");
            });
  }

  @Test
  void givenTheLocalStack_thenReferenceDataIsLoadedAndCountriesAreServed() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              HttpResponse<String> response = get("/v1/reference/countries", null);
              assertThat(response.statusCode()).isEqualTo(200);
              JsonNode countries = JSON.readTree(response.body());
              assertThat(countries.size()).isGreaterThan(230);
              assertThat(countries.toString())
                  .contains("{\"code\":\"US\",\"name\":\"United States\",\"callingCode\":\"+1\"}");
            });
    // And the Java client the build generates from user-query's OpenAPI document reads them typed
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + QUERY.getLocalPort());
    assertThat(new ReferenceApi(client).countries())
        .anySatisfy(
            country -> {
              assertThat(country.getCode()).isEqualTo("FR");
              assertThat(country.getCallingCode()).isEqualTo("+33");
            });
    try (redis.clients.jedis.JedisPooled redis =
        new redis.clients.jedis.JedisPooled("127.0.0.1", TestStack.redisPort())) {
      String prefix = TestStack.env("REDIS_KEY_PREFIX", "it:manual:");
      assertThat(redis.sismember(prefix + "ref:disposable-email-domains", "mailinator.com"))
          .isTrue();
      assertThat(redis.scard(prefix + "ref:disposable-email-domains")).isGreaterThan(100_000);
      assertThat(redis.hget(prefix + "ref:launches", "sample-sneaker-drop"))
          .contains("requiresVerifiedPhone");
    }
  }

  @Test
  void givenProjectedEvents_thenTheAdminPortShowsLagThroughputAndAHealthyProjection()
      throws Exception {
    UUID userId = SEED.register("Met", uniqueName("Rics"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> STORES.searchDocument(ALIAS, userId).isPresent());

    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + QUERY.getAdminPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode m = JSON.readTree(metrics.body());
    for (String projection : List.of("profile-search", "profile-cache")) {
      assertThat(m.at("/histograms/projection." + projection + ".lag/count").asLong())
          .as(projection)
          .isPositive();
      assertThat(m.at("/histograms/projection." + projection + ".lag.1m/count").asLong())
          .as(projection)
          .isPositive();
      assertThat(m.at("/meters/projection." + projection + ".projected/count").asLong())
          .isPositive();
      assertThat(m.at("/meters/projection." + projection + ".failures").isObject()).isTrue();
    }
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + QUERY.getAdminPort() + "/healthcheck"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(health.body()).at("/projection-lag/healthy").asBoolean())
        .as(health.body())
        .isTrue();
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
