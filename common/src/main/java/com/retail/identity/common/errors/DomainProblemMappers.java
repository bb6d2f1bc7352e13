package com.retail.identity.common.errors;

import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import com.retail.identity.common.domain.Unavailable;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;
import java.util.Map;

/** The answers to the domain exceptions every service shares. */
public final class DomainProblemMappers implements Feature {
  public static List<DomainProblemMapper<?>> all() {
    return List.of(
        new InvalidInputMapper(),
        new NotFoundMapper(),
        new ConflictMapper(),
        new StaleVersionMapper(),
        new UnavailableMapper());
  }

  @Override
  public boolean configure(FeatureContext context) {
    for (DomainProblemMapper<?> mapper : all()) {
      context.register(mapper);
    }
    return true;
  }

  /** 400 {@code validation} listing every broken field. */
  public static final class InvalidInputMapper extends DomainProblemMapper<InvalidInput> {
    public InvalidInputMapper() {
      super(InvalidInput.class);
    }

    @Override
    public Problem problem(InvalidInput exception) {
      return new Problem(
          "validation",
          "Invalid request",
          400,
          "One or more fields are invalid.",
          exception.violations().stream()
              .map(v -> new FieldError(v.field(), v.message()))
              .toList());
    }
  }

  /** 404 {@code not-found}. */
  public static final class NotFoundMapper extends DomainProblemMapper<NotFound> {
    public NotFoundMapper() {
      super(NotFound.class);
    }

    @Override
    public Problem problem(NotFound exception) {
      return Problem.of("not-found", "Not found", 404, exception.getMessage());
    }
  }

  /** 409 {@code conflict}. */
  public static final class ConflictMapper extends DomainProblemMapper<Conflict> {
    public ConflictMapper() {
      super(Conflict.class);
    }

    @Override
    public Problem problem(Conflict exception) {
      return Problem.of("conflict", "Conflict", 409, exception.getMessage());
    }
  }

  /** 412 {@code precondition-failed}: an If-Match that is no longer the current version. */
  public static final class StaleVersionMapper extends DomainProblemMapper<StaleVersion> {
    public StaleVersionMapper() {
      super(StaleVersion.class);
    }

    @Override
    public Problem problem(StaleVersion exception) {
      return Problem.of("precondition-failed", "Precondition failed", 412, exception.getMessage());
    }
  }

  /** 503 {@code unavailable} with {@code Retry-After}. */
  public static final class UnavailableMapper extends DomainProblemMapper<Unavailable> {
    public UnavailableMapper() {
      super(Unavailable.class);
    }

    @Override
    public Problem problem(Unavailable exception) {
      return Problem.of("unavailable", "Service unavailable", 503, exception.getMessage());
    }

    @Override
    public Map<String, String> headers(Unavailable exception) {
      return retryAfter(exception.retryAfter());
    }
  }
}
