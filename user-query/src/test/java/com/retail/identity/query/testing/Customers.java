package com.retail.identity.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.common.testing.Load;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Customers of user-command, as a {@link Load} step: each client registers accounts of its own,
 * then logs in to them and changes their profiles and passwords, one request at a time per account,
 * at a steady overall rate and up to a bounded number of requests. Every answer is kept with the
 * account: what was acknowledged (2xx, with the version user-command reported), and what nobody can
 * know (no answer, or a 5xx): such a change may or may not have happened, and nothing else. A
 * refused connection (the process is down) is neither: the request never reached anyone.
 */
public final class Customers {
  /**
   * A profile change user-command acknowledged: the version it answered and the names it was given.
   */
  public record ProfileChange(long version, String firstName, String lastName) {}

  /** One account, changed only by the client that registered it (so its history is sequential). */
  public static final class Customer {
    private final String email;
    private final boolean acknowledged;
    private final UUID userId;
    private final List<ProfileChange> profileChanges = new ArrayList<>();
    private String password = UserCommandApp.PASSWORD;
    private String interruptedPassword;
    private int passwordChanges;
    private int unknownProfileChanges;
    private long lastVersion;
    private String token;

    private Customer(String email, boolean acknowledged, UUID userId, long version) {
      this.email = email;
      this.acknowledged = acknowledged;
      this.userId = userId;
      this.lastVersion = version;
    }

    public String email() {
      return email;
    }

    /** Whether the registration was answered 201; otherwise its outcome is unknown. */
    public boolean acknowledged() {
      return acknowledged;
    }

    /** The id user-command answered; null when the registration got no answer. */
    public UUID userId() {
      return userId;
    }

    public List<ProfileChange> profileChanges() {
      return List.copyOf(profileChanges);
    }

    /** The password that works, as far as the answers tell. */
    public String password() {
      return password;
    }

    /**
     * The new password of a change that got no answer and is not yet resolved by a login; else
     * null.
     */
    public String interruptedPassword() {
      return interruptedPassword;
    }

    /** Password changes that took effect: acknowledged ones, and unanswered ones a login proved. */
    public int passwordChanges() {
      return passwordChanges;
    }

    public int unknownProfileChanges() {
      return unknownProfileChanges;
    }

    /** The highest version an answer reported. */
    public long lastVersion() {
      return lastVersion;
    }
  }

  /** One answer: a response, no answer at all, or a refused connection. */
  private record Answer(HttpResponse<String> response, boolean refused) {
    int status() {
      return response == null ? -1 : response.statusCode();
    }

    boolean unknown() {
      return !refused && (response == null || response.statusCode() >= 500);
    }

    JsonNode json() {
      return Http.json(response);
    }
  }

  private final Http http;
  private final long intervalNanos;
  private final int maxRequests;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong names = new AtomicLong();
  private final AtomicInteger interrupted = new AtomicInteger();
  private volatile boolean settling;
  private final Collection<Customer> everyone = new ConcurrentLinkedQueue<>();
  private final List<List<Customer>> owned = new ArrayList<>();
  private final Random[] randoms;
  private final long[] nextAt;

  /** {@code http} should time out: a request to a killed process must end. */
  public Customers(Http http, int clients, int requestsPerSecond, int maxRequests, long seed) {
    this.http = http;
    this.intervalNanos = clients * 1_000_000_000L / requestsPerSecond;
    this.maxRequests = maxRequests;
    this.randoms = new Random[clients];
    this.nextAt = new long[clients];
    for (int c = 0; c < clients; c++) {
      owned.add(new ArrayList<>());
      randoms[c] = new Random(seed * 31 + c);
    }
  }

  /** Every account a registration was sent for (answered 201 or not answered). */
  public List<Customer> everyone() {
    return List.copyOf(everyone);
  }

  /** Requests that reached user-command (answered or not). */
  public int sent() {
    return sent.get();
  }

  /** Answers that acknowledged a registration, login or change. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /**
   * From now on clients only find out, by logging in, which password each interrupted password
   * change left.
   */
  public void settle() {
    settling = true;
  }

  /** Accounts whose password change got no answer and no login has resolved yet. */
  public int unresolvedPasswords() {
    return interrupted.get();
  }

  /**
   * One request of client {@code client}: a new registration, or an action on one of its accounts.
   */
  public void step(int client, long i, Load load) throws InterruptedException {
    pace(client);
    List<Customer> mine = owned.get(client);
    if (settling) {
      for (Customer customer : mine) {
        if (customer.interruptedPassword != null) {
          resolvePassword(customer, load);
        }
      }
      return;
    }
    if (sent.get() >= maxRequests) {
      return;
    }
    Random random = randoms[client];
    if (mine.isEmpty() || random.nextInt(100) < 20) {
      register(mine, load);
      return;
    }
    Customer customer = mine.get(random.nextInt(mine.size()));
    if (customer.interruptedPassword != null) {
      resolvePassword(customer, load);
      return;
    }
    int dice = random.nextInt(100);
    if (customer.token == null || dice < 35) {
      logIn(customer, load);
    } else if (dice < 85) {
      changeProfile(customer, load);
    } else {
      changePassword(customer, load);
    }
  }

  private void register(List<Customer> mine, Load load) {
    String email = "kill9-" + UUID.randomUUID() + "@example.com";
    Answer answer =
        call(
            load,
            "register",
            () ->
                http.post(
                    "/v1/users", UserCommandApp.registrationJson(email, UserCommandApp.PASSWORD)));
    if (answer.status() == 201) {
      JsonNode body = answer.json();
      Customer customer =
          new Customer(
              email,
              true,
              UUID.fromString(body.get("userId").asText()),
              body.get("version").asLong());
      if (customer.lastVersion != 1) {
        load.violation(
            "registration of " + customer.userId + " answered version " + customer.lastVersion);
      }
      acknowledge();
      mine.add(customer);
      everyone.add(customer);
    } else if (answer.unknown()) {
      everyone.add(new Customer(email, false, null, 0));
    } else if (!answer.refused()) {
      load.violation("registration answered " + answer.status() + " " + answer.response().body());
    }
  }

  /** Logs in with the password the answers so far tell; an acknowledged account must accept it. */
  private void logIn(Customer customer, Load load) {
    Answer answer =
        call(
            load,
            "login",
            () -> http.post("/v1/sessions", credentials(customer.email, customer.password)));
    if (answer.status() == 200) {
      acknowledge();
      session(customer, answer, load);
    } else if (answer.status() == 401) {
      load.violation(
          "acknowledged account "
              + customer.userId
              + " refused the password of its last acknowledged change");
    }
  }

  private void changeProfile(Customer customer, Load load) {
    long n = names.incrementAndGet();
    String firstName = "Kay" + n;
    String lastName = "Nine" + n;
    Answer answer =
        call(
            load,
            "profile",
            () ->
                http.send(
                    "PATCH",
                    "/v1/users/" + customer.userId,
                    "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\"}",
                    "Authorization",
                    Http.bearer(customer.token)));
    if (answer.status() == 200) {
      acknowledge();
      long version = answer.json().get("version").asLong();
      if (version <= customer.lastVersion) {
        load.violation(
            "profile change of "
                + customer.userId
                + " answered version "
                + version
                + " after "
                + customer.lastVersion);
      }
      customer.lastVersion = Math.max(customer.lastVersion, version);
      customer.profileChanges.add(new ProfileChange(version, firstName, lastName));
    } else if (answer.status() == 401) {
      customer.token = null;
    } else if (answer.unknown()) {
      customer.unknownProfileChanges++;
    } else if (!answer.refused() && answer.status() != 409) {
      load.violation("profile change answered " + answer.status() + " " + answer.response().body());
    }
  }

  private void changePassword(Customer customer, Load load) {
    String next = UserCommandApp.PASSWORD + "-" + names.incrementAndGet();
    Answer answer =
        call(
            load,
            "password",
            () ->
                http.send(
                    "PUT",
                    "/v1/users/" + customer.userId + "/password",
                    "{\"currentPassword\":\""
                        + customer.password
                        + "\",\"newPassword\":\""
                        + next
                        + "\"}",
                    "Authorization",
                    Http.bearer(customer.token)));
    if (answer.status() == 204) {
      acknowledge();
      customer.password = next;
      customer.passwordChanges++;
      customer.token = null; // a password change ends the other sessions; log in afresh
    } else if (answer.status() == 401) {
      customer.token = null;
    } else if (answer.unknown()) {
      customer.interruptedPassword = next;
      interrupted.incrementAndGet();
      customer.token = null;
    } else if (!answer.refused() && answer.status() != 409) {
      load.violation(
          "password change answered " + answer.status() + " " + answer.response().body());
    }
  }

  /**
   * After a password change that got no answer, a login tells which password is now the one: the
   * new one (the change took effect) or the old one (it did not). Neither would be a lost account.
   */
  private void resolvePassword(Customer customer, Load load) {
    for (String candidate : List.of(customer.interruptedPassword, customer.password)) {
      Answer answer =
          call(
              load,
              "resolve",
              () -> http.post("/v1/sessions", credentials(customer.email, candidate)));
      if (answer.status() == 200) {
        acknowledge();
        if (!candidate.equals(customer.password)) {
          customer.password = candidate;
          customer.passwordChanges++;
        }
        customer.interruptedPassword = null;
        interrupted.decrementAndGet();
        session(customer, answer, load);
        return;
      }
      if (answer.status() != 401) {
        return; // no verdict (down, throttled, 5xx): try again later
      }
    }
    load.violation(
        "account "
            + customer.userId
            + " accepts neither its old nor its new password after an interrupted change");
    customer.interruptedPassword = null;
    interrupted.decrementAndGet();
  }

  private void session(Customer customer, Answer answer, Load load) {
    JsonNode session = answer.json();
    if (!customer.userId.toString().equals(session.path("userId").asText())) {
      load.violation(
          "login as " + customer.userId + " answered user " + session.path("userId").asText());
    }
    customer.token = session.get("accessToken").asText();
  }

  private Answer call(Load load, String operation, Supplier<HttpResponse<String>> request) {
    try {
      HttpResponse<String> response = request.get();
      sent.incrementAndGet();
      load.tally(operation, response.statusCode());
      return new Answer(response, false);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ConnectException) {
        load.tally(operation, "refused");
        return new Answer(null, true);
      }
      sent.incrementAndGet();
      load.tally(operation, "no answer");
      return new Answer(null, false);
    }
  }

  private void acknowledge() {
    acknowledged.incrementAndGet();
  }

  private void pace(int client) throws InterruptedException {
    long now = System.nanoTime();
    if (nextAt[client] == 0 || now - nextAt[client] > 1_000_000_000L) {
      nextAt[client] = now; // fell behind (the process was down): no burst to catch up
    }
    long wait = nextAt[client] - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    nextAt[client] += intervalNanos;
  }

  static String credentials(String email, String password) {
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }
}
