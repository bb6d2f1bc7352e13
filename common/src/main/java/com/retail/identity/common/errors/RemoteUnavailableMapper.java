package com.retail.identity.common.errors;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** A dependency that is down and has no fallback: a fast 503 the caller may retry. */
public final class RemoteUnavailableMapper implements ExceptionMapper<RemoteServiceUnavailable> {
  @Override
  public Response toResponse(RemoteServiceUnavailable exception) {
    return ProblemResponses.of(
        Problem.of(
            "unavailable",
            "Service unavailable",
            503,
            "A service this request needs is unavailable; retry shortly."),
        Map.of("Retry-After", "2"));
  }
}
