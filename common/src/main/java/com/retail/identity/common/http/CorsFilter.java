package com.retail.identity.common.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * CORS for the configured web-app origins only. Preflights from an allowed origin get 204 with the
 * methods and headers the REST contract uses; other origins get no CORS headers at all.
 */
public final class CorsFilter implements Filter {
  static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Idempotency-Key, If-Match, "
          + "X-Challenge-Solution, X-Device-Id, X-Request-Id";
  static final String EXPOSED_HEADERS = "Location, Retry-After, ETag, X-Request-Id";

  private final Set<String> allowedOrigins;
  private final String maxAge;

  public CorsFilter(CorsSettings settings) {
    this.allowedOrigins = Set.copyOf(settings.getAllowedOrigins());
    this.maxAge = Integer.toString(settings.getMaxAgeSeconds());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse out = (HttpServletResponse) response;
    String origin = http.getHeader("Origin");
    boolean preflight =
        "OPTIONS".equals(http.getMethod())
            && http.getHeader("Access-Control-Request-Method") != null;
    if (origin == null || !allowedOrigins.contains(origin)) {
      if (preflight) {
        out.setStatus(403);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    out.setHeader("Access-Control-Allow-Origin", origin);
    out.setHeader("Access-Control-Allow-Credentials", "true");
    out.addHeader("Vary", "Origin");
    if (preflight) {
      out.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
      out.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      out.setHeader("Access-Control-Max-Age", maxAge);
      out.setStatus(204);
      return;
    }
    out.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    chain.doFilter(request, response);
  }
}
