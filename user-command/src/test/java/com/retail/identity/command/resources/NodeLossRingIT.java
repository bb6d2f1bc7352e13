package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.policies.DCAwareRoundRobinPolicy;
import com.datastax.driver.core.policies.WhiteListPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.testing.Load;
import com.retail.identity.common.testing.StoreControl;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event store as a replicated ring ({@code CASSANDRA_NODES=3}: three nodes on 127.0.0.2-4,
 * replication factor 3, LOCAL_QUORUM and LOCAL_SERIAL) while nodes crash under a steady launch mix
 * of registrations, logins and profile changes. Runs only against a ring: {@code ./platform
 * test-ring}, which {@code ./platform test} runs after the single-node suite. Each fault prints one
 * line of measurements ({@code RING FAULT ...}) for the README's table.
 */
@EnabledIfEnvironmentVariable(
    named = "CASSANDRA_NODES",
    matches = "[3-9]",
    disabledReason = "needs the Cassandra ring of ./platform test-ring")
@ExtendWith(DropwizardExtensionsSupport.class)
class NodeLossRingIT {
  private static final String KEYSPACE = TestStack.keyspace() + "_ring";
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(
          Map.of(
              "eureka.enabled", "false",
              "cassandra.keyspace", KEYSPACE,
              "reservations.abandonedAfter", "3 seconds",
              "reservations.reaperInterval", "500 milliseconds",
              "reservations.reaperLookback", "10 minutes",
              // The faults are in the store: spend the two cores on the ring, not on Argon2id at
              // production cost.
              "passwordHashing.memoryKib", "1024",
              "passwordHashing.iterations", "1"));

  /**
   * Launch mix rate (logical requests per second, all clients together), kept modest for two shared
   * cores.
   */
  private static final int CLIENTS = 12;

  private static final int RATE = 20;

  /**
   * How long a client keeps retrying one request (503 with Retry-After, or no answer) before it
   * counts as failed.
   */
  private static final Duration REQUEST_BUDGET = Duration.ofSeconds(10);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * The first seconds of the mix on a freshly started ring and service (cold JITs, on two shared
   * cores) can time out with every node up: counted and reported, but not held against a fault.
   */
  private static final String WARM_UP = "warm-up";

  /** A customer's version after a change that may or may not have been written. */
  private static final long UNKNOWN = -1;

  private final Map<String, UUID> registered = new ConcurrentHashMap<>();
  private final Set<String> failedRegistrations = ConcurrentHashMap.newKeySet();
  private final List<Ack> acknowledgedChanges = new CopyOnWriteArrayList<>();
  private final Map<String, Phase> phases = new ConcurrentHashMap<>();
  private final List<List<Customer>> customersOf =
      IntStream.range(0, CLIENTS)
          .mapToObj(c -> (List<Customer>) new CopyOnWriteArrayList<Customer>())
          .toList();
  private final long[] nextAt = new long[CLIENTS];
  private volatile String phase = WARM_UP;
  private volatile long lastWarmUpFailureAt = System.nanoTime();
  private volatile boolean retrying = true;
  private CassandraConnector cassandra;
  private CassandraEventStore events;

  /** A customer of one client: only that client changes its profile, so its version is known. */
  private static final class Customer {
    final String email;
    final UUID userId;
    volatile String token;
    volatile long version = 1;

    Customer(String email, UUID userId) {
      this.email = email;
      this.userId = userId;
    }
  }

  /**
   * An acknowledged profile change: version {@code version} of the stream, written by request
   * {@code requestId}.
   */
  private record Ack(UUID userId, long version, String requestId) {}

  /**
   * What one phase of a test saw: attempts by status, and latencies of attempts and of whole
   * (retried) requests.
   */
  private static final class Phase {
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> attemptMillis = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> requestMillis = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    void count(String what) {
      outcomes.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    long attemptsWith(int status) {
      return outcomes.entrySet().stream()
          .filter(e -> e.getKey().endsWith(" " + status))
          .mapToLong(e -> e.getValue().get())
          .sum();
    }

    String latencies() {
      return "requests p50/p99/max "
          + percentiles(requestMillis)
          + " ms, attempts "
          + percentiles(attemptMillis)
          + " ms";
    }

    static String percentiles(ConcurrentLinkedQueue<Long> samples) {
      List<Long> sorted = samples.stream().sorted().toList();
      if (sorted.isEmpty()) {
        return "-";
      }
      return sorted.get(sorted.size() / 2)
          + "/"
          + sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1))
          + "/"
          + sorted.get(sorted.size() - 1);
    }
  }

  @BeforeEach
  void streams() {
    cassandra = connect();
    events = new CassandraEventStore(cassandra, new LogBuckets(Duration.ofMinutes(1)));
  }

  @AfterEach
  void everyNodeIsBack() {
    cassandra.close();
    StoreControl.startMissing(nodes());
  }

  @Test
  void oneNodeKilledUnderLoad_noRequestFails_noAcknowledgedWriteIsLost_andTheNodeCatchesUp()
      throws Exception {
    String victim = nodes().get(nodes().size() - 1);
    long downMillis;
    long restartMillis;
    long catchUpMillis;
    int hintFilesBeforeRestart;
    try (Load load = Load.start("ring-one-down", CLIENTS, this::launchMix);
        Ring ring = new Ring()) {
      // Given a steady launch mix on the healthy ring
      warmUp(load);
      phase(load, "before");
      long beforeAt = System.nanoTime();
      load.until(
          Duration.ofSeconds(180),
          l -> millisSince(beforeAt) >= 10_000 && acknowledgedChanges.size() >= 10);

      // When one node crashes (kill -9) and stays away for a while
      StoreControl.kill(victim);
      long killedAt = System.nanoTime();
      phase(load, "one-down");
      load.until(
          Duration.ofSeconds(180),
          l -> millisSince(killedAt) >= 20_000 && phases.get("one-down").requests.get() >= 200);
      // (the other nodes keep hints for it, written to files every 10 s)
      await("hints for the dead node")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(ring::pendingHintFiles, files -> files > 0);
      hintFilesBeforeRestart = ring.pendingHintFiles();
      downMillis = millisSince(killedAt);

      // And comes back through the same script, without a restart of the service
      phase(load, "recovering");
      long restartAt = System.nanoTime();
      StoreControl.startMissing(List.of(victim));
      restartMillis = millisSince(restartAt);

      // Then the other nodes hand it what it missed (hints), while the mix goes on
      await("hints replayed")
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> ring.pendingHintFiles() == 0);
      catchUpMillis = millisSince(restartAt);
      phase(load, "after");
      long afterAt = System.nanoTime();
      load.until(Duration.ofSeconds(120), l -> millisSince(afterAt) >= 5_000);
      load.close();
      assertThat(load.violations())
          .as(
              "answers no customer may see (first the answers, then the phases): %s; %s",
              load.violations(), summary())
          .isEmpty();
    }

    // Then no request failed: at most a retry within its budget
    assertThat(
            phases.entrySet().stream()
                .filter(p -> !p.getKey().equals(WARM_UP))
                .mapToLong(p -> p.getValue().failed.get())
                .sum())
        .as("requests that failed after their retries; %s", summary())
        .isZero();

    // And no acknowledged write is lost: every customer told 201 logs in, every acknowledged
    // profile change is in the customer's stream at the version it was acknowledged with
    assertEveryRegistrationLogsIn();
    assertEveryAcknowledgedChangeIsInItsStream();

    Phase down = phases.get("one-down");
    Phase recovering = phases.get("recovering");
    System.out.printf(
        "RING FAULT one node killed (kill -9 %s, %d s down): %d requests, %d retried after a 503 or no answer,"
            + " 0 failed; %d registrations all log in, %d acknowledged profile versions all in their streams;"
            + " before: %s; down: %s; recovering: %s; restart %.1f s, hints replayed %.1f s after the restart began"
            + " (%d hint files waiting); %s%n",
        victim,
        downMillis / 1000,
        totalRequests(),
        totalRetried(),
        registered.size(),
        acknowledgedChanges.size(),
        phases.get("before").latencies(),
        down.latencies(),
        recovering.latencies(),
        restartMillis / 1000.0,
        catchUpMillis / 1000.0,
        hintFilesBeforeRestart,
        memory());
    System.out.println("RING FAULT one node killed, outcomes: " + summary());
  }

  @Test
  void twoNodesKilledUnderLoad_fastProblem503s_nothingHalfWritten_andRecoveryWithoutRestart()
      throws Exception {
    List<String> victims = nodes().subList(1, 3);
    long restartMillis;
    long firstRegistrationMillis;
    retrying = false; // each answer is counted as it comes: the 503s are the subject here
    try (Load load = Load.start("ring-two-down", CLIENTS, this::launchMix)) {
      // Given a steady launch mix on the healthy ring
      warmUp(load);
      phase(load, "before");
      long beforeAt = System.nanoTime();
      load.until(
          Duration.ofSeconds(180),
          l -> millisSince(beforeAt) >= 5_000 && acknowledgedChanges.size() >= 5);

      // When two of the three nodes crash: no quorum for any row
      StoreControl.kill(victims.toArray(String[]::new));
      long killedAt = System.nanoTime();
      phase(load, "two-down");
      // long enough to see both the time before the survivor notices (gossip, ~20 s) and after
      load.until(Duration.ofSeconds(120), l -> millisSince(killedAt) >= 25_000);

      // And both come back, the service still running
      phase(load, "recovering");
      long restartAt = System.nanoTime();
      StoreControl.startMissing(victims);
      restartMillis = millisSince(restartAt);
      int registeredBefore = registered.size();
      load.until(Duration.ofSeconds(120), l -> registered.size() > registeredBefore);
      firstRegistrationMillis = millisSince(restartAt);
      phase(load, "after");
      load.until(
          Duration.ofSeconds(120),
          l ->
              phases.get("after").outcomes.getOrDefault("register 201", new AtomicLong()).get()
                  >= 10);
      load.close();
      assertThat(load.violations())
          .as(
              "answers no customer may see (first the answers, then the phases): %s; %s",
              load.violations(), summary())
          .isEmpty();
    }

    // Then while two nodes were down every answer was a fast 503 (problem+json with Retry-After:
    // checked on every answer by the load) and nothing was acknowledged
    Phase down = phases.get("two-down");
    assertThat(down.attemptsWith(503))
        .as("503s while two nodes were down; %s", summary())
        .isPositive();
    assertThat(down.outcomes.keySet())
        .as("answers while two nodes were down")
        .allMatch(outcome -> outcome.endsWith(" 503"));
    assertThat(down.attemptMillis.stream().mapToLong(Long::longValue).max().orElse(0))
        .as("slowest answer while two nodes were down (ms); %s", down.latencies())
        .isLessThanOrEqualTo(3_500);

    // And nothing is left half-written: once the reaper has settled what died half way, every
    // reservation is confirmed and backs a live user, and every live user holds one
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Map<UUID, String> reservedBy = new HashMap<>();
              for (Row row :
                  cassandra
                      .session()
                      .execute(
                          "SELECT email_key, user_id, state FROM "
                              + KEYSPACE
                              + ".email_reservations")) {
                assertThat(row.getString("state"))
                    .as("reservation of %s", row.getUUID("user_id"))
                    .isEqualTo("active");
                reservedBy.put(row.getUUID("user_id"), row.getString("email_key"));
              }
              Set<UUID> live = CassandraOutageUnderLoadIT.liveUsers(cassandra, KEYSPACE);
              assertThat(reservedBy.keySet()).as("users holding a reservation").isEqualTo(live);
              assertThat(live).as("every customer told 201").containsAll(registered.values());
            });
    // And every customer told 201 logs in; an email whose registration got a 503 either has a
    // complete account or registers now: never "taken" by an account nobody can log in to
    assertEveryRegistrationLogsIn();
    Http http = new Http(APP.getLocalPort());
    for (String email : failedRegistrations) {
      if (http.post("/v1/sessions", login(email)).statusCode() != 200) {
        assertThat(http.post("/v1/users", registrationJson(email, PASSWORD)).statusCode())
            .as("registering %s again after its 503", email)
            .isEqualTo(201);
      }
    }

    System.out.printf(
        "RING FAULT two nodes killed (kill -9 %s, 25 s down): %d answers while down, all 503 (%s);"
            + " restart %.1f s; first registration %.1f s after the restart began; %d registrations failed with 503"
            + " and registered again afterwards or had a complete account; %d customers told 201 all log in%n",
        victims,
        down.outcomes.values().stream().mapToLong(AtomicLong::get).sum(),
        down.latencies(),
        restartMillis / 1000.0,
        firstRegistrationMillis / 1000.0,
        failedRegistrations.size(),
        registered.size());
    System.out.println("RING FAULT two nodes killed, outcomes: " + summary());
  }

  // --- the launch mix
  // -----------------------------------------------------------------------------

  /** One paced step of a client: a registration, two logins or a profile change in every four. */
  private void launchMix(int client, long i, Load load) throws Exception {
    pace(client);
    List<Customer> mine = customersOf.get(client);
    Optional<Customer> known =
        mine.isEmpty()
            ? Optional.empty()
            : Optional.of(mine.get(ThreadLocalRandom.current().nextInt(mine.size())));
    int kind = (int) (i % 4);
    if (kind == 0 || known.isEmpty()) {
      register(load, mine);
    } else if (kind == 2 && known.get().token != null) {
      changeProfile(load, known.get());
    } else {
      logIn(load, known.get());
    }
  }

  private void register(Load load, List<Customer> mine) throws InterruptedException {
    String email = uniqueEmail();
    String idempotencyKey = UUID.randomUUID().toString();
    AtomicReference<UUID> completedUnanswered = new AtomicReference<>();
    Optional<HttpResponse<String>> answer =
        call(
            load,
            "register",
            () ->
                request("/v1/users")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(registrationJson(email, PASSWORD))),
            201,
            taken ->
                taken.statusCode() == 409
                    && taken.body().contains("email-taken")
                    && logsIn(email, completedUnanswered));
    if (answer.isPresent()) {
      UUID userId =
          answer.get().statusCode() == 201
              ? UUID.fromString(Http.json(answer.get()).get("userId").asText())
              : completedUnanswered.get();
      registered.put(email, userId);
      mine.add(new Customer(email, userId));
    } else {
      failedRegistrations.add(email);
    }
  }

  /**
   * After "email taken" for a retried registration whose earlier attempt went unanswered: that
   * attempt may have made the account after all. A customer would try to log in; so does this.
   */
  private boolean logsIn(String email, AtomicReference<UUID> userId) {
    try {
      HttpResponse<String> session =
          CLIENT.send(
              request("/v1/sessions")
                  .POST(HttpRequest.BodyPublishers.ofString(login(email)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (session.statusCode() == 200) {
        userId.set(UUID.fromString(Http.json(session).get("userId").asText()));
        return true;
      }
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void logIn(Load load, Customer customer) throws InterruptedException {
    call(
            load,
            "login",
            () ->
                request("/v1/sessions")
                    .POST(HttpRequest.BodyPublishers.ofString(login(customer.email))),
            200)
        .ifPresent(answer -> customer.token = Http.json(answer).get("accessToken").asText());
  }

  private void changeProfile(Load load, Customer customer) throws InterruptedException {
    if (customer.version == UNKNOWN && !rereadVersion(customer)) {
      logIn(load, customer);
      return;
    }
    long expected = customer.version;
    String requestId = "ring-" + UUID.randomUUID();
    String lastName = "Hopper" + ThreadLocalRandom.current().nextInt(1_000_000);
    Optional<HttpResponse<String>> answer =
        call(
            load,
            "profile",
            () ->
                request("/v1/users/" + customer.userId)
                    .header("Authorization", Http.bearer(customer.token))
                    .header("If-Match", "\"" + expected + "\"")
                    .header("X-Request-Id", requestId)
                    .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString("{\"lastName\":\"" + lastName + "\"}")),
            200,
            stale -> stale.statusCode() == 412 && landed(customer.userId, expected + 1, requestId));
    if (answer.isPresent()) {
      long version =
          answer.get().statusCode() == 200
              ? Http.json(answer.get()).get("version").asLong()
              : expected + 1;
      customer.version = version;
      acknowledgedChanges.add(new Ack(customer.userId, version, requestId));
    } else {
      customer.version =
          UNKNOWN; // it may have landed: read the stream before the next change, as an app re-reads
    }
  }

  /**
   * After a 412 that followed an answerless or 503 attempt of the same change: the first attempt
   * may have been written though its answer was lost. An app would read the profile again; this
   * reads the stream, and the change counts as done when its version carries this request's id.
   */
  private boolean landed(UUID userId, long version, String requestId) {
    try {
      return events.readStream(userId).stream()
          .anyMatch(e -> e.seq() == version && requestId.equals(e.correlationId()));
    } catch (DriverException storeDown) {
      return false;
    }
  }

  private boolean rereadVersion(Customer customer) {
    try {
      customer.version = events.currentVersion(customer.userId);
      return true;
    } catch (DriverException storeDown) {
      return false;
    }
  }

  /**
   * Sends a request until it gets {@code success}; a 503, a 409 "in progress" or no answer is tried
   * again (after Retry-After, at most 1 s) while the request's budget lasts. Every attempt is
   * counted; an unexpected answer is a violation. Empty when the request failed.
   */
  private Optional<HttpResponse<String>> call(
      Load load, String operation, Supplier<HttpRequest.Builder> request, int success)
      throws InterruptedException {
    return call(load, operation, request, success, refusal -> false);
  }

  /**
   * As above; {@code writtenAfterAll} tells whether a refusal of a retry (412, 409 "taken") means
   * that an earlier, unanswered attempt was written after all: then the request succeeded.
   */
  private Optional<HttpResponse<String>> call(
      Load load,
      String operation,
      Supplier<HttpRequest.Builder> request,
      int success,
      Predicate<HttpResponse<String>> writtenAfterAll)
      throws InterruptedException {
    Phase current = phases.computeIfAbsent(phase, k -> new Phase());
    current.requests.incrementAndGet();
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      long attemptStart = System.nanoTime();
      String outcome;
      long retryAfterMillis = 500;
      HttpResponse<String> response = null;
      try {
        response =
            load.record(
                operation,
                CLIENT.send(request.get().build(), HttpResponse.BodyHandlers.ofString()));
        outcome = Integer.toString(response.statusCode());
        retryAfterMillis =
            response
                .headers()
                .firstValue("Retry-After")
                .map(s -> Long.parseLong(s) * 1000)
                .orElse(500L);
      } catch (IOException e) {
        outcome = "no answer";
      }
      current.attemptMillis.add(millisSince(attemptStart));
      current.count(operation + " " + outcome);
      boolean transientFailure =
          response == null
              || response.statusCode() == 503
              || (response.statusCode() == 409
                  && response.body().contains("idempotency-in-progress"));
      if (transientFailure && WARM_UP.equals(phase)) {
        lastWarmUpFailureAt = System.nanoTime();
      }
      boolean written =
          response != null
              && (response.statusCode() == success
                  || (attempt > 1 && !transientFailure && writtenAfterAll.test(response)));
      if (written) {
        current.requestMillis.add(millisSince(start));
        if (attempt > 1) {
          current.retried.incrementAndGet();
        }
        if (response.statusCode() != success) {
          current.count(operation + " written though unanswered");
        }
        return Optional.of(response);
      }
      if (!transientFailure && !WARM_UP.equals(phase)) {
        load.violation(
            phase
                + " "
                + operation
                + " attempt "
                + attempt
                + " answered "
                + response.statusCode()
                + " "
                + response.body());
      }
      long wait = Math.min(retryAfterMillis, 1_000);
      if (!transientFailure
          || !retrying
          || millisSince(start) + wait >= REQUEST_BUDGET.toMillis()) {
        current.requestMillis.add(millisSince(start));
        current.failed.incrementAndGet();
        return Optional.empty();
      }
      Thread.sleep(wait);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
        .timeout(REQUEST_BUDGET)
        .header("Content-Type", "application/json");
  }

  private static String login(String email) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
  }

  /**
   * Keeps each client at RATE / CLIENTS requests per second; a client that fell behind does not
   * burst.
   */
  private void pace(int client) throws InterruptedException {
    long period = 1_000_000_000L * CLIENTS / RATE;
    long now = System.nanoTime();
    long due = Math.max(nextAt[client], now);
    nextAt[client] = due + period;
    if (due > now) {
      Thread.sleep((due - now) / 1_000_000);
    }
  }

  /**
   * Until the ring and the service are warm: at least 15 s and 20 registrations, and 10 s in a row
   * without a 503 or an unanswered request (a fresh ring on two shared cores can take a while).
   */
  private void warmUp(Load load) {
    phase(load, WARM_UP);
    long startedAt = System.nanoTime();
    lastWarmUpFailureAt = startedAt;
    load.until(
        Duration.ofSeconds(180),
        l ->
            millisSince(startedAt) >= 15_000
                && registered.size() >= 20
                && millisSince(lastWarmUpFailureAt) >= 10_000);
  }

  private void phase(Load load, String name) {
    phases.computeIfAbsent(name, k -> new Phase());
    phase = name;
    load.phase(name);
  }

  // --- what must hold afterwards
  // --------------------------------------------------------------------

  private void assertEveryRegistrationLogsIn() {
    Http http = new Http(APP.getLocalPort());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (Map.Entry<String, UUID> customer : registered.entrySet()) {
                JsonNode session = http.logIn(customer.getKey(), PASSWORD);
                assertThat(session.get("userId").asText())
                    .as(customer.getKey())
                    .isEqualTo(customer.getValue().toString());
              }
            });
  }

  private void assertEveryAcknowledgedChangeIsInItsStream() {
    Map<UUID, List<Ack>> byUser =
        acknowledgedChanges.stream().collect(Collectors.groupingBy(Ack::userId));
    byUser.forEach(
        (user, acks) -> {
          Map<Long, String> writtenBy = new HashMap<>();
          for (StoredEvent event : events.readStream(user)) {
            writtenBy.put(event.seq(), event.correlationId());
          }
          for (Ack ack : acks) {
            assertThat(writtenBy.get(ack.version()))
                .as(
                    "version %d of %s, acknowledged to request %s",
                    ack.version(), user, ack.requestId())
                .isEqualTo(ack.requestId());
          }
        });
  }

  private static CassandraConnector connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(KEYSPACE);
    return new CassandraConnector(settings);
  }

  // --- the ring
  // -------------------------------------------------------------------------------------

  private static List<String> nodes() {
    return IntStream.rangeClosed(1, TestStack.cassandraNodes())
        .mapToObj(n -> "cassandra-" + n)
        .toList();
  }

  /**
   * Node-local views of each running node (pending hints), through a connection to that node alone.
   */
  private static final class Ring implements AutoCloseable {
    private final Map<String, Cluster> clusters = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();

    /** Hint files the running nodes hold for others (system_views.pending_hints on each). */
    int pendingHintFiles() {
      int files = 0;
      for (String address : TestStack.cassandraContactPoints()) {
        try {
          for (Row row : session(address).execute("SELECT files FROM system_views.pending_hints")) {
            files += row.getInt("files");
          }
        } catch (DriverException down) {
          // a node that is not running holds nothing it could hand over now; connect again next
          // time
          Optional.ofNullable(clusters.remove(address)).ifPresent(Cluster::close);
          sessions.remove(address);
        }
      }
      return files;
    }

    private Session session(String address) {
      Session session = sessions.get(address);
      if (session == null) {
        InetSocketAddress node = new InetSocketAddress(address, TestStack.cassandraPort());
        Cluster cluster =
            Cluster.builder()
                .addContactPointsWithPorts(node)
                .withLoadBalancingPolicy(
                    new WhiteListPolicy(DCAwareRoundRobinPolicy.builder().build(), List.of(node)))
                .withoutJMXReporting()
                .build();
        clusters.put(address, cluster);
        session = cluster.connect();
        sessions.put(address, session);
      }
      return session;
    }

    @Override
    public void close() {
      clusters.values().forEach(Cluster::close);
    }
  }

  /** Resident memory of each ring node now, from the stores script's pid files. */
  private static String memory() {
    Path pids = Path.of(TestStack.env("STACK_RUN_DIR", ".run/test"), "pids");
    List<String> rss = new ArrayList<>();
    for (String node : nodes()) {
      try {
        String pid = Files.readString(pids.resolve(node + ".pid")).strip();
        String kib =
            Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .findFirst()
                .orElse("VmRSS: 0 kB")
                .replaceAll("\\D", "");
        rss.add(node + " " + Long.parseLong(kib) / 1024 + " MiB");
      } catch (IOException | RuntimeException e) {
        rss.add(node + " ?");
      }
    }
    return "RSS " + String.join(", ", rss);
  }

  private long totalRequests() {
    return phases.values().stream().mapToLong(p -> p.requests.get()).sum();
  }

  private long totalRetried() {
    return phases.values().stream().mapToLong(p -> p.retried.get()).sum();
  }

  private String summary() {
    Map<String, String> byPhase = new java.util.TreeMap<>();
    phases.forEach(
        (name, p) ->
            byPhase.put(
                name,
                p.requests.get()
                    + " requests, "
                    + p.retried.get()
                    + " retried, "
                    + p.failed.get()
                    + " failed, attempts "
                    + new java.util.TreeMap<>(p.outcomes)
                    + ", "
                    + p.latencies()));
    return byPhase.toString();
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
