package com.retail.identity.common.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The request and response of the admin task running on this thread. Dropwizard hands a task only
 * its parameters and a writer; an audited task also needs the caller's address and request id, and
 * a way to answer 503 rather than 200 when it refused.
 */
public final class TaskExchange implements Filter {
  private static final ThreadLocal<TaskExchangeOf> CURRENT = new ThreadLocal<>();

  /** The running task's request and response. */
  public record TaskExchangeOf(HttpServletRequest request, HttpServletResponse response) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    CURRENT.set(new TaskExchangeOf((HttpServletRequest) request, (HttpServletResponse) response));
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
    }
  }

  public static Optional<TaskExchangeOf> current() {
    return Optional.ofNullable(CURRENT.get());
  }
}
