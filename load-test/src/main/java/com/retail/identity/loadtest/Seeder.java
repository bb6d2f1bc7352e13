package com.retail.identity.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds the accounts that the simulations log in to, through the public API (so they are hashed at
 * whatever cost user-command uses now: bench cost under BENCH_HASHING, the knobs' cost otherwise),
 * logs some of them in for an initial set of access tokens, and logs the local admin in for
 * searches.
 *
 * <pre>
 * java ... Seeder --command-url http://127.0.0.1:8080 --count 2000 --concurrency 16 --out DIR [--tokens 200]
 * </pre>
 *
 * An existing accounts.csv in DIR with at least --count accounts whose first account still logs in
 * is reused (seeding again only when the data or the hash cost changed).
 */
public final class Seeder {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    String url = opts.getOrDefault("command-url", "http://127.0.0.1:8080");
    int count = Integer.parseInt(opts.getOrDefault("count", "1000"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
    int tokenCount = Integer.parseInt(opts.getOrDefault("tokens", "200"));
    Path out = Path.of(opts.getOrDefault("out", "target/bench-seed"));
    String adminEmail = opts.getOrDefault("admin-email", "admin@local.test");
    String adminPassword =
        opts.getOrDefault(
            "admin-password",
            System.getenv().getOrDefault("LOCAL_ADMIN_PASSWORD", "local-admin-pass-1"));
    Map<String, Object> result =
        seed(url, count, concurrency, tokenCount, out, adminEmail, adminPassword);
    System.out.println(JSON.writeValueAsString(result));
  }

  public static Map<String, Object> seed(
      String url,
      int count,
      int concurrency,
      int tokenCount,
      Path out,
      String adminEmail,
      String adminPassword)
      throws Exception {
    Files.createDirectories(out);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Path accountsFile = out.resolve("accounts.csv");
    List<String[]> accounts = new ArrayList<>();
    Map<String, Object> result = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    boolean reused = false;
    if (Files.exists(accountsFile)) {
      for (String line : Files.readAllLines(accountsFile)) {
        String[] f = line.split(",", -1);
        if (f.length >= 3 && !f[0].equals("email")) {
          accounts.add(f);
        }
      }
      if (accounts.size() >= count
          && login(http, url, accounts.get(0)[0], accounts.get(0)[1]) != null) {
        reused = true;
      } else {
        accounts.clear();
      }
    }
    if (!reused) {
      String run = Long.toString(System.currentTimeMillis(), 36);
      List<String[]> made = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  String email = "seed-" + run + "-" + n + "@" + Population.domainOf(n);
                  String password = "lantern-Kestrel-" + n + "-Harbor!";
                  String body =
                      "{\"email\":\""
                          + email
                          + "\",\"password\":\""
                          + password
                          + "\",\"firstName\":\"Bench\",\"lastName\":\"Seed"
                          + n
                          + "\",\"country\":\"US\",\"locale\":\"en-US\"}";
                  for (int attempt = 0; attempt < 20; attempt++) {
                    try {
                      HttpResponse<String> r =
                          http.send(
                              post(url + "/v1/users", body, addressOf(n)),
                              HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() == 201) {
                        made.add(
                            new String[] {
                              email, password, JSON.readTree(r.body()).path("userId").asText()
                            });
                        return null;
                      }
                      if (r.statusCode() != 503 && r.statusCode() != 429) {
                        System.err.println(
                            "seed " + email + ": " + r.statusCode() + " " + r.body());
                        break;
                      }
                    } catch (IOException e) {
                      // retry below
                    }
                    Thread.sleep(200L * (attempt + 1));
                  }
                  failures.incrementAndGet();
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      accounts.addAll(made);
      StringBuilder csv = new StringBuilder("email,password,userId\n");
      for (String[] a : accounts) {
        csv.append(a[0]).append(',').append(a[1]).append(',').append(a[2]).append('\n');
      }
      Files.writeString(accountsFile, csv);
      result.put("registrationFailures", failures.get());
    }
    double seedSeconds = (System.nanoTime() - t0) / 1e9;
    // Initial tokens for profile reads (logins during the run keep the ring fresh).
    StringBuilder tokens = new StringBuilder();
    int made = 0;
    for (int i = 0; i < Math.min(tokenCount, accounts.size()); i++) {
      JsonNode session = login(http, url, accounts.get(i)[0], accounts.get(i)[1]);
      if (session != null) {
        tokens
            .append(session.path("userId").asText())
            .append(',')
            .append(session.path("accessToken").asText())
            .append('\n');
        made++;
      }
    }
    Files.writeString(out.resolve("tokens.csv"), tokens);
    JsonNode admin = login(http, url, adminEmail, adminPassword);
    Files.writeString(
        out.resolve("admin-token.txt"), admin == null ? "" : admin.path("accessToken").asText());
    result.put("accounts", accounts.size());
    result.put("reused", reused);
    result.put("seedSeconds", Math.round(seedSeconds * 10) / 10.0);
    result.put("tokens", made);
    result.put("adminToken", admin != null);
    return result;
  }

  static JsonNode login(HttpClient http, String url, String email, String password)
      throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpResponse<String> r =
          http.send(
              post(
                  url + "/v1/sessions",
                  "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}",
                  addressOf(email.hashCode())),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
      if (r.statusCode() != 503) {
        return null;
      }
      Thread.sleep(200);
    }
    return null;
  }

  /**
   * A client address of its own for each account, spread over the 512 /24s of 198.18.0.0/15, so the
   * per-address and per-subnet admission limits see ordinary customers (bench runs user-command
   * with TRUSTED_PROXIES=127.0.0.1).
   */
  static String addressOf(int n) {
    int i = Math.floorMod(n, 512 * 254);
    int subnet = i % 512;
    return "198." + (18 + subnet / 256) + "." + (subnet % 256) + "." + (1 + i / 512);
  }

  private static HttpRequest post(String url, String body, String address) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", address)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        String key = args[i].substring(2);
        String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
        m.put(key, value);
      }
    }
    return m;
  }
}
