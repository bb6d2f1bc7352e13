package com.retail.identity.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every request's outcome, kept apart by traffic class ({@code legit}, {@code bot}) and request
 * name: status counts (0 = no response: connection error or timeout), latency histograms overall
 * and per minute of the run. Gatling's own report has no status codes and mixes classes; this is
 * what {@code summary.json} is made from. One recorder per JVM (simulations run one at a time).
 */
public final class Recorder {
  private static final long MAX_MILLIS = 120_000;
  private static final Map<String, Series> SERIES = new ConcurrentHashMap<>();
  private static final AtomicLong FIRST = new AtomicLong(Long.MAX_VALUE);
  private static final AtomicLong LAST = new AtomicLong();

  private Recorder() {}

  /** One series per (class, request name); the class also gets an "all" series. */
  static final class Series {
    final Histogram latency = new ConcurrentHistogram(MAX_MILLIS, 3);
    final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    final Map<Long, Histogram> perMinute = new ConcurrentSkipListMap<>();
    final Map<Long, Map<Integer, LongAdder>> statusesPerMinute = new ConcurrentSkipListMap<>();
    final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong last = new AtomicLong();
  }

  public static void reset() {
    SERIES.clear();
    FIRST.set(Long.MAX_VALUE);
    LAST.set(0);
  }

  /**
   * @param status HTTP status, 0 when no response came
   * @param millis response time in ms
   * @param sentAtMillis wall-clock time the request was sent (minute buckets count from the first
   *     request)
   */
  public static void record(
      String trafficClass, String name, int status, long millis, long sentAtMillis) {
    FIRST.accumulateAndGet(sentAtMillis, Math::min);
    LAST.accumulateAndGet(sentAtMillis + Math.max(0, millis), Math::max);
    add(trafficClass + "/" + name, status, millis, sentAtMillis);
    add(trafficClass + "/all", status, millis, sentAtMillis);
  }

  private static void add(String key, int status, long millis, long sentAtMillis) {
    Series s = SERIES.computeIfAbsent(key, k -> new Series());
    s.first.accumulateAndGet(sentAtMillis, Math::min);
    s.last.accumulateAndGet(sentAtMillis + Math.max(0, millis), Math::max);
    long clamped = Math.min(Math.max(millis, 0), MAX_MILLIS);
    s.latency.recordValue(clamped);
    s.statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    long minute = (sentAtMillis - FIRST.get()) / 60_000;
    s.perMinute
        .computeIfAbsent(minute, k -> new ConcurrentHistogram(MAX_MILLIS, 2))
        .recordValue(clamped);
    s.statusesPerMinute
        .computeIfAbsent(minute, k -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(status, k -> new LongAdder())
        .increment();
  }

  public static long count(String trafficClass, String name) {
    Series s = SERIES.get(trafficClass + "/" + name);
    return s == null ? 0 : s.latency.getTotalCount();
  }

  /** Requests of that class answered with a status in [from, to]. */
  public static long countStatus(String trafficClass, String name, int from, int to) {
    Series s = SERIES.get(trafficClass + "/" + name);
    if (s == null) {
      return 0;
    }
    return s.statuses.entrySet().stream()
        .filter(e -> e.getKey() >= from && e.getKey() <= to)
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  /** Writes recorder.json into {@code dir}; returns its path. */
  public static Path write(Path dir, Map<String, Object> parameters) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.set("parameters", json.valueToTree(parameters));
    long first = FIRST.get() == Long.MAX_VALUE ? 0 : FIRST.get();
    long last = LAST.get();
    root.put("firstRequestEpochMillis", first);
    root.put("lastResponseEpochMillis", last);
    double seconds = Math.max(0.001, (last - first) / 1000.0);
    root.put("seconds", seconds);
    ObjectNode series = root.putObject("series");
    for (Map.Entry<String, Series> e : new TreeMap<>(SERIES).entrySet()) {
      Series s = e.getValue();
      ObjectNode node = series.putObject(e.getKey());
      long n = s.latency.getTotalCount();
      node.put("count", n);
      // Rate over the series' own span (phases of a closed-model run follow each other).
      double own = Math.max(0.001, (s.last.get() - s.first.get()) / 1000.0);
      node.put("seconds", Math.round(own * 10) / 10.0);
      node.put("ratePerSecond", Math.round(n / own * 10) / 10.0);
      describe(node.putObject("latencyMillis"), s.latency);
      ObjectNode statuses = node.putObject("statuses");
      s.statuses.forEach((k, v) -> statuses.put(Integer.toString(k), v.sum()));
      ArrayNode minutes = node.putArray("perMinute");
      for (Map.Entry<Long, Histogram> m : s.perMinute.entrySet()) {
        ObjectNode minute = minutes.addObject();
        minute.put("minute", m.getKey());
        minute.put("count", m.getValue().getTotalCount());
        describe(minute, m.getValue());
        ObjectNode st = minute.putObject("statuses");
        s.statusesPerMinute
            .getOrDefault(m.getKey(), Map.of())
            .forEach((k, v) -> st.put(Integer.toString(k), v.sum()));
      }
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("recorder.json");
    json.writeValue(file.toFile(), root);
    return file;
  }

  private static void describe(ObjectNode node, Histogram h) {
    node.put("p50", h.getValueAtPercentile(50));
    node.put("p95", h.getValueAtPercentile(95));
    node.put("p99", h.getValueAtPercentile(99));
    node.put("max", h.getMaxValue());
    node.put("mean", Math.round(h.getMean() * 10) / 10.0);
  }
}
