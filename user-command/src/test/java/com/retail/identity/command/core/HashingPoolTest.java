package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.domain.Unavailable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class HashingPoolTest {
  @Test
  void whenThreadAndQueueAreFullTheNextCallerIsToldToRetryAtOnce() throws Exception {
    HashingPool pool = new HashingPool(1, 1, 10_000);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      callers.submit(
          () ->
              pool.run(
                  () -> {
                    running.countDown();
                    release.await();
                    return 1;
                  }));
      running.await();
      callers.submit(() -> pool.run(() -> 2)); // waits in the queue

      while (pool.queued() == 0) {
        Thread.sleep(5);
      }
      assertThatThrownBy(() -> pool.run(() -> 3))
          .isInstanceOfSatisfying(
              Unavailable.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    } finally {
      release.countDown();
      callers.shutdownNow();
      pool.stop();
    }
  }

  @Test
  void aFailingHashPropagatesItsOwnError() {
    HashingPool pool = new HashingPool(1, 1, 1_000);
    assertThatThrownBy(
            () ->
                pool.run(
                    () -> {
                      throw new IllegalArgumentException("bad");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    pool.stop();
  }
}
