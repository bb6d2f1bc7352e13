package com.retail.identity.command.core;

import com.retail.identity.common.domain.Unavailable;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Password hashing on a pool sized to the cores with a short queue. Hashing is the physical limit
 * of login throughput: a flood queues briefly, and once the queue is full the caller is told at
 * once to retry shortly ({@link Unavailable}) instead of a timeout storm on every request thread.
 */
public final class HashingPool implements Managed {
  private final ThreadPoolExecutor executor;
  private final long waitMillis;

  public HashingPool(int threads, int queueCapacity, long waitMillis) {
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, "password-hashing-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.waitMillis = waitMillis;
  }

  public <T> T run(Callable<T> work) {
    Future<T> future;
    try {
      future = executor.submit(work);
    } catch (RejectedExecutionException full) {
      throw busy();
    }
    try {
      return future.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw busy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  public int queued() {
    return executor.getQueue().size();
  }

  private static Unavailable busy() {
    return new Unavailable("The service is busy; retry in a moment.", Duration.ofSeconds(1));
  }

  @Override
  public void stop() {
    executor.shutdownNow();
  }
}
