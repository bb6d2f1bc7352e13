package com.retail.identity.loadtest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Simulation parameters, from system properties ({@code -Dlt.rate=200} ...) so that `bench`, the
 * Gatling Maven plugin and the smoke test set them the same way. Every value is echoed into
 * recorder.json.
 */
public final class Settings {
  private Settings() {}

  public static String commandUrl() {
    return str("lt.commandUrl", "http://127.0.0.1:8080");
  }

  public static String queryUrl() {
    return str("lt.queryUrl", "http://127.0.0.1:8082");
  }

  /** Legitimate operations per second (open model). */
  public static double rate() {
    return num("lt.rate", 50);
  }

  /** Seconds at the target rate (after the ramp). */
  public static int duration() {
    return (int) num("lt.duration", 60);
  }

  /** Seconds of linear ramp from 1/s to the rate. */
  public static int rampUp() {
    return (int) num("lt.rampUp", 10);
  }

  /** Bot flood: bots per second = botFactor x rate. */
  public static double botFactor() {
    return num("lt.botFactor", 10);
  }

  /** Bot flood: seconds of legitimate traffic alone (the no-bot baseline) before bots start. */
  public static int baseline() {
    return (int) num("lt.baseline", 60);
  }

  /**
   * Bot flood: share of stuffing attempts aimed at accounts that legitimate users also log in to.
   */
  public static double botOverlap() {
    return num("lt.botOverlap", 0);
  }

  /** Closed model (capacity/peer runs): concurrent clients, and which phases in order. */
  public static int concurrency() {
    return (int) num("lt.concurrency", 8);
  }

  public static String phases() {
    return str("lt.phases", "register,login");
  }

  /** Launch mix shares in percent; reads and searches split the remainder. */
  public static double registerPercent() {
    return num("lt.registerPercent", 20);
  }

  public static double loginPercent() {
    return num("lt.loginPercent", 70);
  }

  /** Admin searches in the mix (GET /v1/users?q= on user-query); a 404 is counted, not fatal. */
  public static boolean searches() {
    return Boolean.parseBoolean(str("lt.searches", "true"));
  }

  /**
   * Send an Idempotency-Key with each registration (an extra lightweight transaction per
   * registration).
   */
  public static boolean idempotencyKeys() {
    return Boolean.parseBoolean(str("lt.idempotencyKeys", "false"));
  }

  /**
   * Seeded accounts (email,password,userId), tokens (userId,token) and admin token, written by
   * Seeder.
   */
  public static Path seedDir() {
    return Path.of(str("lt.seedDir", "target/bench-seed"));
  }

  /** Where recorder.json goes. */
  public static Path outDir() {
    return Path.of(str("lt.out", "target/bench-out"));
  }

  public static String runId() {
    return str("lt.runId", Long.toString(System.currentTimeMillis() / 1000, 36));
  }

  public static Map<String, Object> describe(String simulation) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("simulation", simulation);
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("lt.")) {
        m.put(key.substring(3), System.getProperty(key));
      }
    }
    m.put("rate", rate());
    m.put("duration", duration());
    m.put("rampUp", rampUp());
    return m;
  }

  static String str(String key, String fallback) {
    String v = System.getProperty(key);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  static double num(String key, double fallback) {
    return Double.parseDouble(str(key, Double.toString(fallback)));
  }
}
