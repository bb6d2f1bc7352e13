package com.retail.identity.loadtest;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's raw Argon2id rate: argon2-jvm (native libargon2, the same library user-command
 * uses) on N threads for S seconds, nothing else. Logins verify a stored hash, so {@code --op
 * verify} (the default) is the figure to compare logins/s with; {@code --op hash} is the
 * registration side.
 *
 * <pre>java ... RawHashRate --threads 2 --seconds 20 --m 19456 --t 2 --p 1 [--op verify|hash]</pre>
 *
 * Prints one JSON line.
 */
public final class RawHashRate {
  public static void main(String[] args) throws Exception {
    Map<String, String> o = Seeder.options(args);
    int threads =
        Integer.parseInt(
            o.getOrDefault(
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
    int m = Integer.parseInt(o.getOrDefault("m", "19456"));
    int t = Integer.parseInt(o.getOrDefault("t", "2"));
    int p = Integer.parseInt(o.getOrDefault("p", "1"));
    String op = o.getOrDefault("op", "verify");
    Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    char[] password = "lantern-Kestrel-1-Harbor!".toCharArray();
    String stored = argon2.hash(t, m, p, password.clone(), StandardCharsets.UTF_8);
    for (int i = 0; i < 10; i++) {
      argon2.verify(stored, password.clone(), StandardCharsets.UTF_8);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AtomicLong count = new AtomicLong();
    AtomicLong cpuNanos = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          pool.submit(
              () -> {
                long c0 = mx.getCurrentThreadCpuTime();
                while (System.nanoTime() < end) {
                  if (op.equals("hash")) {
                    argon2.hash(t, m, p, password.clone(), StandardCharsets.UTF_8);
                  } else if (!argon2.verify(stored, password.clone(), StandardCharsets.UTF_8)) {
                    throw new IllegalStateException("verify failed");
                  }
                  count.incrementAndGet();
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - c0);
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double wall = (System.nanoTime() - start) / 1e9;
    long n = count.get();
    System.out.printf(
        "{\"op\":\"%s\",\"threads\":%d,\"seconds\":%.1f,\"m\":%d,\"t\":%d,\"p\":%d,\"count\":%d,"
            + "\"perSecond\":%.1f,\"cpuMsPer\":%.2f}%n",
        op, threads, wall, m, t, p, n, n / wall, n == 0 ? 0 : cpuNanos.get() / 1e6 / n);
  }
}
