package com.retail.identity.common.testing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A few clients sending requests in a loop until closed, for tests of what customers see while a
 * store or an instance goes away. Every answer is counted by phase, operation and status; answers
 * no customer may ever see (a 5xx other than a 503 with {@code Retry-After} and problem+json, or no
 * answer at all) are kept as violations, with what was asked.
 */
public final class Load implements AutoCloseable {
  /**
   * One iteration of one client; {@code client} is 0..clients-1, {@code i} counts its iterations.
   */
  @FunctionalInterface
  public interface Step {
    void run(int client, long i, Load load) throws Exception;
  }

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private volatile String phase = "before";

  private Load() {}

  public static Load start(String name, int clients, Step step) {
    Load load = new Load();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                for (long i = 0; load.running.get(); i++) {
                  try {
                    step.run(client, i, load);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    load.violation("client " + client + ": " + e);
                    pause(200); // a client that got no answer does not spin
                  }
                }
              },
              name + "-" + c);
      thread.setDaemon(true);
      load.threads.add(thread);
      thread.start();
    }
    return load;
  }

  /** Counts from now on go to {@code phase}. */
  public void phase(String phase) {
    this.phase = phase;
  }

  /**
   * Counts an answer to {@code operation}; a 5xx is a violation unless it is a 503 with {@code
   * Retry-After} as {@code application/problem+json}.
   */
  public <T> HttpResponse<T> record(String operation, HttpResponse<T> response) {
    int status = response.statusCode();
    tally(operation, status);
    if (status >= 500) {
      boolean proper =
          status == 503
              && response.headers().firstValue("Retry-After").isPresent()
              && response
                  .headers()
                  .firstValue("Content-Type")
                  .orElse("")
                  .startsWith("application/problem+json");
      if (!proper) {
        violation(
            phase
                + " "
                + operation
                + " answered "
                + status
                + " "
                + response.headers().map()
                + " "
                + response.body());
      }
    }
    return response;
  }

  /** Counts one outcome of {@code operation} in the current phase. */
  public void tally(String operation, Object outcome) {
    counts
        .computeIfAbsent(phase + "/" + operation + "/" + outcome, k -> new AtomicLong())
        .incrementAndGet();
  }

  /** Something no customer may see; kept (the first 50) for the assertion message. */
  public void violation(String what) {
    if (violations.size() < 50) {
      violations.add(what);
    }
    counts.computeIfAbsent(phase + "/violations", k -> new AtomicLong()).incrementAndGet();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /**
   * How many answers (statuses or other outcomes) {@code operation} got in {@code phase} ({@code
   * null}: any phase).
   */
  public long count(String phase, String operation, Object outcome) {
    return counts.entrySet().stream()
        .filter(
            e ->
                (phase == null || e.getKey().startsWith(phase + "/"))
                    && e.getKey().endsWith("/" + operation + "/" + outcome))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /** Every count so far, sorted, for messages and reports. */
  public Map<String, Long> counts() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted;
  }

  /** Waits (at most {@code atMost}) until {@code condition} holds for this load. */
  public void until(Duration atMost, Predicate<Load> condition) {
    Map<String, Long> atStart = counts();
    try {
      Awaitility.await("load condition")
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .failFast("load has stopped", () -> threads.stream().noneMatch(Thread::isAlive))
          .until(() -> condition.test(this));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Both ends, so a report shows what the load did while the condition was awaited.
      throw new AssertionError(
          e.getMessage() + "; counts when the wait began " + atStart + ", at its end " + counts(),
          e);
    }
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
