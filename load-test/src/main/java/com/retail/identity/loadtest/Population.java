package com.retail.identity.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The accounts and tokens a run works with: seeded accounts (split into the ones legitimate users
 * log in to and the "victims" whose emails are in the bots' leaked list), a ring of recent access
 * tokens (refilled by every successful login, so profile reads always have a live token even in a
 * 4-hour soak), and the admin token for searches (refreshed by a login every 10 minutes).
 */
public final class Population {
  public record Account(String email, String password, String userId) {}

  public record Token(String userId, String accessToken) {}

  private static final AtomicReference<Population> CURRENT = new AtomicReference<>();
  private static final AtomicLong SEQ = new AtomicLong();

  private final List<Account> legit;
  private final List<Account> victims;
  private final AtomicReferenceArray<Token> tokens = new AtomicReferenceArray<>(4096);
  private final AtomicLong tokenWrites = new AtomicLong();
  private final AtomicReference<String> adminToken = new AtomicReference<>();
  private final String runId;

  private Population(
      List<Account> legit,
      List<Account> victims,
      List<Token> seedTokens,
      String adminToken,
      String runId) {
    this.legit = legit;
    this.victims = victims;
    this.runId = runId;
    seedTokens.forEach(this::offer);
    this.adminToken.set(adminToken);
  }

  /** Loads the seed folder once per simulation. */
  public static Population load() {
    Path dir = Settings.seedDir();
    try {
      List<Account> all = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("accounts.csv"))) {
        String[] f = line.split(",", -1);
        if (f.length >= 3 && !f[0].equals("email")) {
          all.add(new Account(f[0], f[1], f[2]));
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException(
            "no seeded accounts in " + dir.resolve("accounts.csv") + ": run Seeder first");
      }
      // A fifth of the seeded accounts (at least one) are only attacked, never used by legitimate
      // logins.
      int victimCount = all.size() >= 5 ? all.size() / 5 : 0;
      List<Account> legit = new ArrayList<>(all.subList(0, all.size() - victimCount));
      List<Account> victims = new ArrayList<>(all.subList(all.size() - victimCount, all.size()));
      List<Token> tokens = new ArrayList<>();
      Path tokenFile = dir.resolve("tokens.csv");
      if (Files.exists(tokenFile)) {
        for (String line : Files.readAllLines(tokenFile)) {
          String[] f = line.split(",", -1);
          if (f.length == 2) {
            tokens.add(new Token(f[0], f[1]));
          }
        }
      }
      Path adminFile = dir.resolve("admin-token.txt");
      String admin = Files.exists(adminFile) ? Files.readString(adminFile).strip() : null;
      Population p =
          new Population(
              legit, victims.isEmpty() ? legit : victims, tokens, admin, Settings.runId());
      CURRENT.set(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seed folder " + dir, e);
    }
  }

  public static Population current() {
    Population p = CURRENT.get();
    if (p == null) {
      throw new IllegalStateException("Population.load() first");
    }
    return p;
  }

  public Account randomLegit() {
    return legit.get(ThreadLocalRandom.current().nextInt(legit.size()));
  }

  public Account randomVictim() {
    if (ThreadLocalRandom.current().nextDouble() < Settings.botOverlap()) {
      return randomLegit();
    }
    return victims.get(ThreadLocalRandom.current().nextInt(victims.size()));
  }

  public int legitCount() {
    return legit.size();
  }

  public void offer(Token token) {
    long i = tokenWrites.getAndIncrement();
    tokens.set((int) (i % tokens.length()), token);
  }

  /** A recent token, or null before any login. */
  public Token randomToken() {
    long written = Math.min(tokenWrites.get(), tokens.length());
    if (written == 0) {
      return null;
    }
    return tokens.get(ThreadLocalRandom.current().nextInt((int) written));
  }

  public String adminToken() {
    return adminToken.get();
  }

  public void adminToken(String token) {
    if (token != null && !token.isBlank()) {
      adminToken.set(token);
    }
  }

  /**
   * Legitimate sign-ups come from many mail domains; admission control limits registrations per
   * email domain, so one shared domain would measure that limit instead of the pipeline.
   */
  static final int DOMAINS = 20;

  public static String domainOf(long n) {
    return "mail" + Math.floorMod(n, DOMAINS) + ".example.com";
  }

  /** A new, unique email for a registration; bots use one domain of their own. */
  public String newEmail(String kind) {
    long n = SEQ.incrementAndGet();
    return kind
        + "-"
        + runId
        + "-"
        + n
        + "@"
        + (kind.equals("bot") ? "bot-mail.example.net" : domainOf(n));
  }

  public static long nextSeq() {
    return SEQ.incrementAndGet();
  }
}
