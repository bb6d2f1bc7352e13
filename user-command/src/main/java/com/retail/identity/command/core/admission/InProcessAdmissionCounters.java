package com.retail.identity.command.core.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The in-process stand-in for the Redis state while Redis is down and a check fails open: token
 * buckets and login signals of this instance only (so the effective limits are per instance). It
 * has no disposable-domain list: the built-in one decides.
 */
final class InProcessAdmissionCounters implements AdmissionCounters {
  private final Cache<String, double[]> buckets =
      Caffeine.newBuilder().maximumSize(500_000).expireAfterAccess(Duration.ofMinutes(15)).build();
  private final Cache<String, Signal> signals =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(30)).build();

  @Override
  public Reading takeTokensAndRead(
      List<Bucket> wanted,
      List<String> domainCandidates,
      String address,
      long window,
      long nowMillis) {
    Optional<Bucket> empty = Optional.empty();
    long wait = 0;
    double[][] states = new double[wanted.size()][];
    for (int i = 0; i < wanted.size(); i++) {
      Bucket b = wanted.get(i);
      states[i] = buckets.get(key(b), k -> new double[] {b.limit().burst(), nowMillis});
    }
    // Same rule as the Lua script: all buckets must have a token, then each gives one.
    synchronized (this) {
      double[] levels = new double[wanted.size()];
      for (int i = 0; i < wanted.size(); i++) {
        Limit limit = wanted.get(i).limit();
        double perMs = limit.perMinute() / 60_000.0;
        double tokens =
            Math.min(limit.burst(), states[i][0] + Math.max(0, nowMillis - states[i][1]) * perMs);
        levels[i] = tokens;
        if (tokens < 1) {
          if (empty.isEmpty()) {
            empty = Optional.of(wanted.get(i));
          }
          wait = Math.max(wait, (long) Math.ceil((1 - tokens) / perMs));
        }
      }
      if (empty.isEmpty()) {
        for (int i = 0; i < wanted.size(); i++) {
          states[i][0] = levels[i] - 1;
          states[i][1] = nowMillis;
        }
      }
    }
    return new Reading(empty, wait, DisposableListing.NO_LIST, signals(address, window));
  }

  @Override
  public void recordLogin(
      String address, String accountPseudonym, boolean success, long window, Duration keep) {
    Signal s = signals.get(address, k -> new Signal(window));
    synchronized (s) {
      s.roll(window);
      s.attempts++;
      if (!success) {
        s.failures++;
      }
      if (accountPseudonym != null && s.accounts.size() < 10_000) {
        s.accounts.add(accountPseudonym);
      }
    }
  }

  private LoginSignals signals(String address, long window) {
    Signal s = signals.getIfPresent(address);
    if (s == null) {
      return LoginSignals.NONE;
    }
    synchronized (s) {
      s.roll(window);
      return LoginSignals.of(
          s.attempts + s.previousAttempts,
          s.failures + s.previousFailures,
          s.accounts.size() + s.previousAccounts);
    }
  }

  private static String key(Bucket b) {
    return b.action().slug() + ":" + b.kind().slug() + ":" + b.subject();
  }

  private static final class Signal {
    long window;
    long attempts;
    long failures;
    final Set<String> accounts = new HashSet<>();
    long previousAttempts;
    long previousFailures;
    long previousAccounts;

    Signal(long window) {
      this.window = window;
    }

    void roll(long now) {
      if (now == window) {
        return;
      }
      boolean adjacent = now == window + 1;
      previousAttempts = adjacent ? attempts : 0;
      previousFailures = adjacent ? failures : 0;
      previousAccounts = adjacent ? accounts.size() : 0;
      attempts = 0;
      failures = 0;
      accounts.clear();
      window = now;
    }
  }
}
