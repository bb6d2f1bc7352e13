package com.retail.identity.loadtest;

/**
 * Which part of the run a request belongs to, by the time it is sent: {@code warmup} (the ramp,
 * left out of the figures), {@code legit-baseline} (bot flood only: legitimate traffic before the
 * bots start), then {@code legit}.
 */
public final class Phase {
  private static volatile long rampEnd;
  private static volatile long botsStart;

  private Phase() {}

  public static void start(int rampSeconds, int baselineSeconds) {
    long now = System.currentTimeMillis();
    rampEnd = now + rampSeconds * 1000L;
    botsStart = baselineSeconds > 0 ? rampEnd + baselineSeconds * 1000L : 0;
  }

  public static String legitClass() {
    long now = System.currentTimeMillis();
    if (now < rampEnd) {
      return "warmup";
    }
    return now < botsStart ? "legit-baseline" : "legit";
  }

  public static String botClass() {
    return System.currentTimeMillis() < botsStart + 5_000 ? "bot-warmup" : "bot";
  }
}
