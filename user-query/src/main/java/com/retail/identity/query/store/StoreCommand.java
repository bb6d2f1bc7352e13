package com.retail.identity.query.store;

import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A read-model call in a Hystrix command: bounded by a timeout, shed by an open circuit when the
 * store is sick, answered by a fallback. Command keys are the knobs {@code
 * hystrix.command.<key>.execution.isolation.thread.timeoutInMilliseconds} (and the rest of
 * Hystrix's properties); each key has its own thread pool so a slow store cannot starve another.
 */
final class StoreCommand<T> extends HystrixCommand<T> {
  private static final HystrixCommandGroupKey GROUP =
      HystrixCommandGroupKey.Factory.asKey("read-models");
  private final Callable<T> work;
  private final Function<Throwable, T> fallback;

  private StoreCommand(
      String key, int timeoutMillis, Callable<T> work, Function<Throwable, T> fallback) {
    super(
        Setter.withGroupKey(GROUP)
            .andCommandKey(HystrixCommandKey.Factory.asKey(key))
            .andThreadPoolKey(HystrixThreadPoolKey.Factory.asKey(key))
            .andCommandPropertiesDefaults(
                HystrixCommandProperties.Setter()
                    .withExecutionTimeoutInMilliseconds(timeoutMillis)
                    .withCircuitBreakerRequestVolumeThreshold(10)
                    .withCircuitBreakerSleepWindowInMilliseconds(2000)
                    .withFallbackIsolationSemaphoreMaxConcurrentRequests(200))
            .andThreadPoolPropertiesDefaults(
                HystrixThreadPoolProperties.Setter().withCoreSize(32).withMaxQueueSize(-1)));
    this.work = work;
    this.fallback = fallback;
  }

  /**
   * Runs {@code work}; on failure, timeout, open circuit or rejection, returns {@code
   * fallback(reason)}.
   */
  static <T> T execute(
      String key, int timeoutMillis, Callable<T> work, Function<Throwable, T> fallback) {
    return new StoreCommand<>(key, timeoutMillis, work, fallback).execute();
  }

  @Override
  protected T run() throws Exception {
    return work.call();
  }

  @Override
  protected T getFallback() {
    Throwable reason = getExecutionException();
    if (reason == null) {
      reason =
          new IllegalStateException(
              isResponseTimedOut()
                  ? "timed out"
                  : isResponseShortCircuited()
                      ? "circuit open"
                      : isResponseRejected() ? "rejected" : "failed");
    }
    return fallback.apply(reason);
  }
}
