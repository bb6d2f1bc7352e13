package com.retail.identity.common.errors;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import java.util.Map;

/** The problem+json answer to one kind of domain exception. */
public abstract class DomainProblemMapper<E extends DomainException> implements ExceptionMapper<E> {
  private final Class<E> kind;

  protected DomainProblemMapper(Class<E> kind) {
    this.kind = kind;
  }

  /** The exception this mapper answers. */
  public final Class<E> kind() {
    return kind;
  }

  @Override
  public final Response toResponse(E exception) {
    return ProblemResponses.of(problem(exception), headers(exception));
  }

  public abstract Problem problem(E exception);

  public Map<String, String> headers(E exception) {
    return Map.of();
  }

  /** {@code Retry-After} in whole seconds, rounded up and at least 1. */
  public static Map<String, String> retryAfter(Duration wait) {
    long millis = wait.toMillis();
    return Map.of("Retry-After", Long.toString(Math.max(1, (millis + 999) / 1000)));
  }
}
