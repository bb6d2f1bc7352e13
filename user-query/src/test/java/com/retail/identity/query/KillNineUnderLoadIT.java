package com.retail.identity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandProcess;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.testing.Load;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.query.testing.Customers;
import com.retail.identity.query.testing.Customers.Customer;
import com.retail.identity.query.testing.Customers.ProfileChange;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.query.testing.TestTokens;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.ProfileFolder;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * user-command runs as its own OS process (the packaged jar, started as the local stack starts it)
 * under a steady load of registrations, logins, profile and password changes, and is killed with
 * SIGKILL at random moments, three times, and restarted at once each time. Afterwards, with the
 * reservation reaper's (shortened) window passed and user-query's projections caught up: every
 * acknowledged registration logs in; every acknowledged profile change is in the user's stream at
 * the version it was answered with, with its values, and the cache and search documents are at the
 * stream's last version with the values of its fold; versions are 1..n; and nothing a kill
 * interrupted is left half made: no pending reservation, no stream without its credential, data key
 * or reservation, no erased stream with a live credential or a data key, no account nobody asked
 * for, no password changed without its event.
 *
 * <p>A keyspace, index prefix and key prefix of its own, so every stream, reservation and document
 * in them is this test's. The seed ({@code -DkillNine.seed=}) fixes the kill moments and each
 * client's choices; the interleaving with the kills still depends on timing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KillNineUnderLoadIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_kill9";
  private static final String INDEX_PREFIX =
      TestStack.env("SEARCH_INDEX_PREFIX", "it-manual") + "-kill9";
  private static final long SEED = Long.getLong("killNine.seed", System.currentTimeMillis());
  private static final int KILLS = 3;
  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_SECOND = 40;
  private static final int MAX_REQUESTS = 1500;
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private static final long CLASS_LOADED = System.nanoTime();
  private static final Seed STORE =
      Seed.open(KEYSPACE); // creates the keyspace before either service starts
  private static final TestTokens TOKENS = TestTokens.start();
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of(
              "eureka.enabled",
              "false",
              "userCommandClient",
              TOKENS.clientName(),
              "cassandra.keyspace",
              KEYSPACE,
              "search.indexPrefix",
              INDEX_PREFIX));
  private static final ReadStores READ_MODELS = new ReadStores();

  @AfterAll
  static void close() {
    READ_MODELS.close();
    TOKENS.stop();
    STORE.close();
  }

  /**
   * One kill: the pid, and how long until the restarted process was healthy and acknowledged a
   * request again.
   */
  private record Recovery(
      long pid, long acknowledgedBefore, long healthyAfterMillis, long acknowledgingAfterMillis) {}

  @Test
  void
      afterKillNineUnderLoad_everyAcknowledgedChangeIsInEveryReadModel_andNothingUnacknowledgedIsHalfMade()
          throws Exception {
    long testStarted = System.nanoTime();
    Random random = new Random(SEED);
    List<Recovery> recoveries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Long> counts;
    Customers customers;
    try (UserCommandProcess command =
        UserCommandProcess.onTestStack(
            KEYSPACE,
            Map.of(
                "reservations.abandonedAfter", "5 seconds",
                "reservations.reaperInterval", "500 milliseconds",
                "reservations.reaperLookback", "5 minutes",
                "logging.level", "WARN"))) {
      Duration firstStart = command.start();
      Http http = new Http(command.port(), Duration.ofSeconds(10));
      customers = new Customers(http, CLIENTS, REQUESTS_PER_SECOND, MAX_REQUESTS, SEED);

      // Given a steady load of registrations, logins, profile and password changes
      try (Load load = Load.start("kill-nine", CLIENTS, customers::step)) {
        load.phase("load");
        // When user-command is killed with SIGKILL at random moments and restarted at once, three
        // times
        for (int kill = 0; kill < KILLS; kill++) {
          Thread.sleep(3000 + random.nextInt(4000));
          long acknowledgedBefore = customers.acknowledged();
          long killedAt = System.nanoTime();
          long pid = command.kill9();
          command.start();
          long healthyAt = System.nanoTime();
          long acknowledgedWhenHealthy = customers.acknowledged();
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> customers.acknowledged() > acknowledgedWhenHealthy);
          recoveries.add(
              new Recovery(
                  pid,
                  acknowledgedBefore,
                  millis(healthyAt - killedAt),
                  millis(System.nanoTime() - killedAt)));
        }
        Thread.sleep(3000);
        // (every interrupted password change is resolved by a login before the load ends)
        customers.settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.unresolvedPasswords() == 0);
        load.close();
        counts = load.counts();
        problems.addAll(load.violations());
      }
      long loadEnded = System.nanoTime();
      System.out.printf(
          "kill -9 under load (seed %d): first start %d ms; %d requests reached user-command, %d acknowledged;"
              + " kills %s; answers %s%n",
          SEED,
          firstStart.toMillis(),
          customers.sent(),
          customers.acknowledged(),
          recoveries,
          counts);

      // Then, once the reaper has settled what the kills interrupted, nothing is left half made
      Ledger ledger = settled();
      long storesSettled = System.nanoTime();
      problems.addAll(ledger.halfMade());
      Set<UUID> live = ledger.live();

      // And every acknowledged registration logs in with the password of its last acknowledged
      // change;
      // an unanswered one either made a whole account or none
      Http logins = new Http(command.port(), Duration.ofSeconds(10));
      Set<UUID> accounted = new HashSet<>(ledger.admins());
      int unansweredThatMadeAnAccount = 0;
      for (Customer customer : customers.everyone()) {
        Optional<UUID> loggedIn = logIn(logins, customer.email(), customer.password());
        if (customer.acknowledged()) {
          if (!loggedIn.equals(Optional.of(customer.userId()))) {
            problems.add("acknowledged account " + customer.userId() + " logs in as " + loggedIn);
          }
          accounted.add(customer.userId());
        } else if (loggedIn.isPresent()) {
          unansweredThatMadeAnAccount++;
          accounted.add(loggedIn.get());
        }
      }
      if (!accounted.equals(live)) {
        problems.add(
            "live accounts nobody was told of: "
                + diff(live, accounted)
                + "; accounts that logged in but are not live: "
                + diff(accounted, live));
      }

      // And every acknowledged change is in the stream at its version, with its values
      ProfileFolder folder = new ProfileFolder(STORE.cipher());
      Map<UUID, Optional<Profile>> folds = new HashMap<>();
      for (UUID userId : ledger.streams().keySet()) {
        folds.put(userId, folder.fold(STORE.events().readStream(userId)));
      }
      for (Customer customer : customers.everyone()) {
        if (customer.acknowledged()) {
          problems.addAll(
              acknowledgedChangesInTheStream(
                  customer, STORE.events().readStream(customer.userId()), folder));
        }
      }

      // And user-query's cache and search documents reach the stream's last version, with the
      // values of its fold
      long streamsChecked = System.nanoTime();
      problems.addAll(readModelsCatchUp(folds));
      long readModelsCaughtUp = System.nanoTime();
      problems.addAll(readThroughTheApi(customers.everyone(), folds));

      long unanswered = customers.everyone().stream().filter(c -> !c.acknowledged()).count();
      System.out.printf(
          "kill -9 under load: registrations acknowledged %d, unanswered %d (%d of them made a whole account);"
              + " streams %d (%d live, %d erased by the reaper); data keys without a stream %d; problems %d%n",
          customers.everyone().size() - unanswered,
          unanswered,
          unansweredThatMadeAnAccount,
          ledger.streams().size(),
          live.size(),
          ledger.streams().size() - live.size(),
          ledger.orphanDataKeys(),
          problems.size());
      System.out.printf(
          "kill -9 under load, time spent: stores and user-query started %d ms, load and kills %d ms, reaper"
              + " settled %d ms, logins and streams checked %d ms, read models caught up %d ms, user-query API read %d ms%n",
          millis(testStarted - CLASS_LOADED),
          millis(loadEnded - testStarted),
          millis(storesSettled - loadEnded),
          millis(streamsChecked - storesSettled),
          millis(readModelsCaughtUp - streamsChecked),
          millis(System.nanoTime() - readModelsCaughtUp));
    }
    assertThat(problems)
        .as("acknowledged changes lost or unacknowledged ones half made (seed %d)", SEED)
        .isEmpty();
  }

  /**
   * The stores once nothing is half made any more, or as they are when the settling time is over.
   */
  private static Ledger settled() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Ledger ledger = Ledger.read(STORE.connector().session(), KEYSPACE);
    while (!ledger.halfMade().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      ledger = Ledger.read(STORE.connector().session(), KEYSPACE);
    }
    return ledger;
  }

  /**
   * The registration at version 1 with the email, each acknowledged profile change at its version
   * with its names.
   */
  private static List<String> acknowledgedChangesInTheStream(
      Customer customer, List<StoredEvent> stream, ProfileFolder folder) {
    List<String> problems = new ArrayList<>();
    UUID id = customer.userId();
    Optional<Profile> registered =
        stream.isEmpty() ? Optional.empty() : folder.fold(stream.subList(0, 1));
    if (registered.isEmpty() || !customer.email().equals(registered.get().email())) {
      problems.add("stream of " + id + " does not begin with its acknowledged registration");
    }
    for (ProfileChange change : customer.profileChanges()) {
      int at = indexOf(stream, change.version());
      if (at < 0 || !EventTypes.PROFILE_UPDATED.equals(stream.get(at).type())) {
        problems.add(
            "acknowledged profile change of "
                + id
                + " is not at version "
                + change.version()
                + " of its stream");
        continue;
      }
      Optional<Profile> then = folder.fold(stream.subList(0, at + 1));
      if (then.isEmpty()
          || !change.firstName().equals(then.get().firstName())
          || !change.lastName().equals(then.get().lastName())) {
        problems.add(
            "version "
                + change.version()
                + " of "
                + id
                + " holds other names than the acknowledged change");
      }
    }
    long passwordEvents =
        stream.stream().filter(e -> EventTypes.PASSWORD_CHANGED.equals(e.type())).count();
    if (passwordEvents != customer.passwordChanges()) {
      problems.add(
          "account "
              + id
              + " took "
              + customer.passwordChanges()
              + " password changes but its stream holds "
              + passwordEvents
              + " PasswordChanged events");
    }
    return problems;
  }

  /** Waits until every user's documents match the fold of its stream; lists those that never do. */
  private static List<String> readModelsCatchUp(Map<UUID, Optional<Profile>> folds)
      throws Exception {
    String alias = ReadStores.alias(INDEX_PREFIX);
    Map<UUID, String> behind = new TreeMap<>();
    Set<UUID> waiting = new LinkedHashSet<>(folds.keySet());
    long deadline = System.nanoTime() + SETTLE.toNanos();
    do {
      behind.clear();
      for (UUID userId : waiting) {
        Optional<Profile> fold = folds.get(userId);
        String cache =
            mismatch(
                fold,
                READ_MODELS
                    .cacheDocument(userId)
                    .map(
                        doc ->
                            new Document(
                                doc.path("version").asLong(),
                                ReadStores.opened(userId, doc, STORE.cipher()))),
                KillNineUnderLoadIT::cachedValuesOf);
        String search =
            mismatch(
                fold,
                READ_MODELS
                    .searchDocument(alias, userId)
                    .map(doc -> new Document(doc.path("_version").asLong(), doc.path("_source"))),
                KillNineUnderLoadIT::indexedValuesOf);
        if (cache != null || search != null) {
          behind.put(
              userId,
              "cache "
                  + Objects.requireNonNullElse(cache, "ok")
                  + ", search "
                  + Objects.requireNonNullElse(search, "ok"));
        }
      }
      waiting.retainAll(behind.keySet());
      if (!waiting.isEmpty()) {
        Thread.sleep(1000);
      }
    } while (!waiting.isEmpty() && System.nanoTime() < deadline);
    return behind.entrySet().stream()
        .map(e -> "read models of " + e.getKey() + " do not match its stream: " + e.getValue())
        .toList();
  }

  private record Document(long version, JsonNode source) {}

  private static String mismatch(
      Optional<Profile> fold,
      Optional<Document> document,
      BiPredicate<Profile, JsonNode> sameValues) {
    if (fold.isEmpty()) {
      return document
          .map(d -> "a document of an erased user at version " + d.version())
          .orElse(null);
    }
    if (document.isEmpty()) {
      return "no document (stream at version " + fold.get().version() + ")";
    }
    Profile expected = fold.get();
    JsonNode source = document.get().source();
    if (document.get().version() < expected.version()) {
      return "version "
          + document.get().version()
          + ", stream at "
          + expected.version()
          + " (an event no projection saw?)";
    }
    if (document.get().version() != expected.version()) {
      return "version " + document.get().version() + ", stream at " + expected.version();
    }
    if (!sameValues.test(expected, source)) {
      return "values other than the fold of the stream at version " + expected.version();
    }
    return null;
  }

  /** The cache document holds the profile's values. */
  private static boolean cachedValuesOf(Profile expected, JsonNode source) {
    return expected.email().equals(source.path("email").asText())
        && expected.firstName().equals(source.path("firstName").asText())
        && expected.lastName().equals(source.path("lastName").asText());
  }

  /** The search document is exactly the one the projector makes of the profile. */
  private static boolean indexedValuesOf(Profile expected, JsonNode source) {
    return ReadStores.searchSourceOf(expected).equals(source);
  }

  /**
   * user-query answers every acknowledged account's profile at its last acknowledged version or
   * later, as the stream says.
   */
  private static List<String> readThroughTheApi(
      List<Customer> customers, Map<UUID, Optional<Profile>> folds) {
    List<String> problems = new ArrayList<>();
    Http query = new Http(QUERY.getLocalPort(), Duration.ofSeconds(10));
    String admin = Http.bearer(TOKENS.admin());
    for (Customer customer : customers) {
      if (!customer.acknowledged()) {
        continue;
      }
      HttpResponse<String> read =
          query.send(
              "GET",
              "/v1/users/" + customer.userId() + "?minVersion=" + customer.lastVersion(),
              null,
              "Authorization",
              admin);
      Optional<Profile> fold = folds.getOrDefault(customer.userId(), Optional.empty());
      if (read.statusCode() != 200 || fold.isEmpty()) {
        problems.add(
            "user-query answered "
                + read.statusCode()
                + " for acknowledged account "
                + customer.userId());
        continue;
      }
      JsonNode profile = Http.json(read);
      if (profile.path("version").asLong() != fold.get().version()
          || !fold.get().firstName().equals(profile.path("firstName").asText())) {
        problems.add(
            "user-query answered version "
                + profile.path("version").asLong()
                + " of "
                + customer.userId()
                + ", its stream is at "
                + fold.get().version()
                + " (last acknowledged "
                + customer.lastVersion()
                + ")");
      }
    }
    return problems;
  }

  /** The user id a login answers, or empty for 401; retried while the answer is not a verdict. */
  private static Optional<UUID> logIn(Http http, String email, String password) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        HttpResponse<String> response =
            http.post(
                "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (response.statusCode() == 200) {
          return Optional.of(UUID.fromString(Http.json(response).get("userId").asText()));
        }
        if (response.statusCode() == 401) {
          return Optional.empty();
        }
      } catch (UncheckedIOException noAnswer) {
        // retried below
      }
      sleep(500);
    }
    throw new IllegalStateException("no verdict on a login after 20 attempts");
  }

  /**
   * What Cassandra holds in the test's keyspace, read directly: every stream (event types by
   * version), credential, data key and email reservation.
   */
  /** The credential columns of a stream's partition. */
  private record Credential(UUID userId, String emailKey, Set<String> roles, boolean erased) {}

  private record Ledger(
      Map<UUID, TreeMap<Long, String>> streams,
      Map<UUID, Credential> credentials,
      Set<UUID> dataKeys,
      Map<String, Row> reservations) {
    static Ledger read(Session session, String keyspace) {
      Map<UUID, TreeMap<Long, String>> streams = new HashMap<>();
      Map<UUID, Credential> credentials = new HashMap<>();
      for (Row row :
          session.execute(
              "SELECT user_id, seq, event_type, email_key, roles, erased FROM "
                  + keyspace
                  + ".user_events")) {
        UUID userId = row.getUUID("user_id");
        if (!row.isNull("seq")) {
          streams
              .computeIfAbsent(userId, k -> new TreeMap<>())
              .put(row.getLong("seq"), row.getString("event_type"));
        }
        if (!row.isNull("email_key")) {
          credentials.put(
              userId,
              new Credential(
                  userId,
                  row.getString("email_key"),
                  row.getSet("roles", String.class),
                  !row.isNull("erased") && row.getBool("erased")));
        }
      }
      Set<UUID> dataKeys = new HashSet<>();
      session
          .execute("SELECT user_id FROM " + keyspace + ".data_keys")
          .forEach(row -> dataKeys.add(row.getUUID("user_id")));
      Map<String, Row> reservations = new HashMap<>();
      session
          .execute("SELECT email_key, user_id, state FROM " + keyspace + ".email_reservations")
          .forEach(row -> reservations.put(row.getString("email_key"), row));
      return new Ledger(streams, credentials, dataKeys, reservations);
    }

    /** Users whose stream does not end erased. */
    Set<UUID> live() {
      return streams.entrySet().stream()
          .filter(e -> !EventTypes.USER_ERASED.equals(e.getValue().lastEntry().getValue()))
          .map(Map.Entry::getKey)
          .collect(Collectors.toSet());
    }

    Set<UUID> admins() {
      return credentials.values().stream()
          .filter(credential -> credential.roles().contains(Principal.ADMIN))
          .map(Credential::userId)
          .collect(Collectors.toSet());
    }

    long orphanDataKeys() {
      return dataKeys.stream().filter(id -> !streams.containsKey(id)).count();
    }

    /** Everything that is neither a whole account nor a whole erasure. */
    List<String> halfMade() {
      List<String> problems = new ArrayList<>();
      Set<UUID> live = live();
      Map<UUID, List<String>> reservedBy = new HashMap<>();
      reservations
          .values()
          .forEach(
              row ->
                  reservedBy
                      .computeIfAbsent(row.getUUID("user_id"), k -> new ArrayList<>())
                      .add(row.getString("email_key")));
      for (Row reservation : reservations.values()) {
        UUID userId = reservation.getUUID("user_id");
        if (!"active".equals(reservation.getString("state"))) {
          problems.add("reservation of " + userId + " is " + reservation.getString("state"));
        } else if (!live.contains(userId)) {
          problems.add("active reservation of " + userId + ", which has no live stream");
        }
      }
      streams.forEach(
          (userId, stream) -> {
            if (stream.firstKey() != 1 || stream.lastKey() != stream.size()) {
              problems.add(
                  "stream of "
                      + userId
                      + " has versions "
                      + stream.keySet()
                      + ", not 1.."
                      + stream.size());
            }
            if (!EventTypes.USER_REGISTERED.equals(stream.firstEntry().getValue())) {
              problems.add(
                  "stream of " + userId + " begins with " + stream.firstEntry().getValue());
            }
            Credential credential = credentials.get(userId);
            boolean credentialLive = credential != null && !credential.erased();
            if (live.contains(userId)) {
              if (!credentialLive) {
                problems.add("live stream of " + userId + " without a live credential");
              }
              if (!dataKeys.contains(userId)) {
                problems.add("live stream of " + userId + " without its data key");
              }
              List<String> held = reservedBy.getOrDefault(userId, List.of());
              if (held.size() != 1
                  || credential == null
                  || !held.get(0).equals(credential.emailKey())) {
                problems.add(
                    "live stream of "
                        + userId
                        + " holds "
                        + held.size()
                        + " reservations, not the one of its credential");
              }
            } else {
              if (credentialLive) {
                problems.add("erased stream of " + userId + " with a live credential");
              }
              if (dataKeys.contains(userId)) {
                problems.add("erased stream of " + userId + " still has its data key");
              }
            }
          });
      credentials.keySet().stream()
          .filter(id -> !streams.containsKey(id))
          .forEach(id -> problems.add("credential of " + id + " without a stream"));
      return problems;
    }
  }

  private static int indexOf(List<StoredEvent> stream, long version) {
    for (int i = 0; i < stream.size(); i++) {
      if (stream.get(i).seq() == version) {
        return i;
      }
    }
    return -1;
  }

  private static Set<UUID> diff(Set<UUID> a, Set<UUID> b) {
    Set<UUID> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static void sleep(long millis) {
    UserCommandProcess.sleep(millis);
  }
}
