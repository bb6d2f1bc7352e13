package com.retail.identity.command.admission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The in-process stand-in for the Redis state while Redis is down and a check fails open: token
 * buckets and login signals of this instance only (so the effective limits are per instance).
 */
final class LocalAdmissionState {
  private final Cache<String, double[]> buckets = Caffeine.newBuilder()
      .maximumSize(500_000).expireAfterAccess(Duration.ofMinutes(15)).build();
  private final Cache<String, Signal> signals = Caffeine.newBuilder()
      .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(30)).build();

  /** Same rule as the Lua script: all buckets must have a token, then each gives one. Returns the index limited (1-based) and the wait, or {0, 0}. */
  long[] take(java.util.List<Admission.Bucket> wanted, long now) {
    double[][] states = new double[wanted.size()][];
    for (int i = 0; i < wanted.size(); i++) {
      Admission.Bucket b = wanted.get(i);
      states[i] = buckets.get(b.key(), k -> new double[] {b.burst(), now});
    }
    synchronized (this) {
      long limited = 0;
      long wait = 0;
      double[] levels = new double[wanted.size()];
      for (int i = 0; i < wanted.size(); i++) {
        Admission.Bucket b = wanted.get(i);
        double perMs = b.perMinute() / 60_000.0;
        double tokens = Math.min(b.burst(), states[i][0] + Math.max(0, now - states[i][1]) * perMs);
        levels[i] = tokens;
        if (tokens < 1) {
          long w = (long) Math.ceil((1 - tokens) / perMs);
          if (limited == 0) {
            limited = i + 1;
          }
          wait = Math.max(wait, w);
        }
      }
      if (limited == 0) {
        for (int i = 0; i < wanted.size(); i++) {
          states[i][0] = levels[i] - 1;
          states[i][1] = now;
        }
      }
      return new long[] {limited, wait};
    }
  }

  long[] signals(String address, long window) {
    Signal s = signals.getIfPresent(address);
    if (s == null) {
      return new long[] {0, 0, 0};
    }
    synchronized (s) {
      s.roll(window);
      return new long[] {s.attempts + s.previousAttempts, s.failures + s.previousFailures, s.accounts.size() + s.previousAccounts};
    }
  }

  void record(String address, String account, boolean success, long window) {
    Signal s = signals.get(address, k -> new Signal(window));
    synchronized (s) {
      s.roll(window);
      s.attempts++;
      if (!success) {
        s.failures++;
      }
      if (account != null && s.accounts.size() < 10_000) {
        s.accounts.add(account);
      }
    }
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
