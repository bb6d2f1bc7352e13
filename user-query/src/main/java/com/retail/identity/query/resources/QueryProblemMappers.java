package com.retail.identity.query.resources;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.query.core.VersionNotReached;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/**
 * The answers to user-query's own domain exceptions (the shared ones are answered by common's
 * mappers).
 */
public final class QueryProblemMappers implements Feature {
  public static List<DomainProblemMapper<?>> all() {
    return List.of(new VersionNotReachedMapper());
  }

  @Override
  public boolean configure(FeatureContext context) {
    for (DomainProblemMapper<?> mapper : all()) {
      context.register(mapper);
    }
    return true;
  }

  /** 409 {@code version-not-reached}: the {@code minVersion} asked for does not exist. */
  public static final class VersionNotReachedMapper extends DomainProblemMapper<VersionNotReached> {
    public VersionNotReachedMapper() {
      super(VersionNotReached.class);
    }

    @Override
    public Problem problem(VersionNotReached exception) {
      return Problem.of(
          "version-not-reached",
          "Version not reached",
          409,
          "The profile is at version "
              + exception.current()
              + "; version "
              + exception.wanted()
              + " does not exist.");
    }
  }
}
