package com.retail.identity.common.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.api.Problem;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * Builds problem+json responses. The request id travels in the {@code X-Request-Id} header, not the
 * body, so two answers to the same mistake are byte-for-byte identical.
 */
public final class ProblemResponses {
  private ProblemResponses() {}

  public static Response of(Problem problem) {
    return of(problem, Map.of());
  }

  public static Response of(Problem problem, Map<String, String> headers) {
    Response.ResponseBuilder builder =
        Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
    headers.forEach(builder::header);
    return builder.build();
  }

  /** Writes a problem from a servlet filter, where no JAX-RS response exists yet. */
  public static void write(
      HttpServletResponse response,
      ObjectMapper mapper,
      Problem problem,
      Map<String, String> headers)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(Problem.MEDIA_TYPE);
    headers.forEach(response::setHeader);
    mapper.writeValue(response.getOutputStream(), problem);
  }

  /** A problem for a bare HTTP status, e.g. 404, 405, 406, 413, 415. */
  public static Problem forStatus(int status, String detail) {
    return switch (status) {
      case 400 -> Problem.of("bad-request", "Bad request", 400, detail);
      case 401 -> Problem.of("unauthorized", "Unauthorized", 401, detail);
      case 403 -> Problem.of("forbidden", "Forbidden", 403, detail);
      case 404 -> Problem.of("not-found", "Not found", 404, detail);
      case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, detail);
      case 406 -> Problem.of("not-acceptable", "Not acceptable", 406, detail);
      case 409 -> Problem.of("conflict", "Conflict", 409, detail);
      case 412 -> Problem.of("precondition-failed", "Precondition failed", 412, detail);
      case 413 -> Problem.of("payload-too-large", "Payload too large", 413, detail);
      case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415, detail);
      case 429 -> Problem.of("rate-limited", "Too many requests", 429, detail);
      case 503 -> Problem.of("unavailable", "Service unavailable", 503, detail);
      default ->
          status >= 500
              ? Problem.of(
                  "internal", "Internal error", status, "The request could not be completed.")
              : Problem.of("http-" + status, "HTTP " + status, status, detail);
    };
  }
}
