package com.retail.identity.common.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.errors.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admits at most a fixed number of requests into the service at once; the excess waits briefly for
 * a slot, then gets 503 + {@code Retry-After} before any store work. Overload then costs the caller
 * a fast retry instead of a thread pile-up, store timeouts and answers nobody waits for any more.
 */
public final class ConcurrencyLimitFilter implements Filter {
  private final Semaphore slots;
  private final int limit;
  private final long maxWaitMillis;
  private final String retryAfter;
  private final ObjectMapper mapper;
  private final Meter shed;

  public ConcurrencyLimitFilter(
      ConcurrencySettings settings, ObjectMapper mapper, MetricRegistry metrics) {
    this.limit = settings.getMaxConcurrentRequests();
    this.slots = new Semaphore(Math.max(limit, 1));
    this.maxWaitMillis = settings.getMaxWaitMillis();
    this.retryAfter = Integer.toString(settings.getRetryAfterSeconds());
    this.mapper = mapper;
    this.shed = metrics.meter("http.concurrency-limit.shed");
    metrics.gauge("http.concurrency-limit.in-use", () -> () -> limit - slots.availablePermits());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (limit == 0) {
      chain.doFilter(request, response);
      return;
    }
    if (!acquire()) {
      shed.mark();
      busy((HttpServletResponse) response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }

  private boolean acquire() {
    try {
      return slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void busy(HttpServletResponse response) throws IOException {
    ProblemResponses.write(
        response,
        mapper,
        ProblemResponses.forStatus(503, "The service is busy; retry in a moment."),
        // Answered before the request body is read: the connection ends with the answer, so no
        // client reuses one the server may close for the unread body.
        Map.of("Retry-After", retryAfter, "Connection", "close"));
  }
}
