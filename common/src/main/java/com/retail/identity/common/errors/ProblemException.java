package com.retail.identity.common.errors;

import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import java.util.List;
import java.util.Map;

/** Thrown by resources and use cases to answer with a specific problem. */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;
  private final transient Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.getTitle() + ": " + problem.getDetail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static ProblemException validation(List<FieldError> errors) {
    return new ProblemException(
        new Problem(
            "validation", "Invalid request", 400, "One or more fields are invalid.", errors));
  }

  public static ProblemException validation(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
  }

  public static ProblemException unavailable(String detail, int retryAfterSeconds) {
    return new ProblemException(
        Problem.of("unavailable", "Service unavailable", 503, detail),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }
}
