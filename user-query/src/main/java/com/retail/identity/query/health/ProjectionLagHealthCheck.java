package com.retail.identity.query.health;

import com.codahale.metrics.health.HealthCheck;
import com.retail.identity.readmodel.core.Projector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Unhealthy when a projection this instance runs is further behind than the bound (knob {@code
 * identity.query.projection.maxLagSeconds}). Instances standing by report healthy: the one holding
 * the lease speaks for the projection.
 */
public final class ProjectionLagHealthCheck extends HealthCheck {
  private final List<Projector> projectors;
  private final IntSupplier maxLagSeconds;

  public ProjectionLagHealthCheck(List<Projector> projectors, IntSupplier maxLagSeconds) {
    this.projectors = List.copyOf(projectors);
    this.maxLagSeconds = maxLagSeconds;
  }

  @Override
  protected Result check() {
    long bound = maxLagSeconds.getAsInt() * 1000L;
    List<String> states = new ArrayList<>();
    List<String> behind = new ArrayList<>();
    for (Projector projector : projectors) {
      if (!projector.isLeader()) {
        states.add(projector.name() + " standing by");
        continue;
      }
      long lag = projector.behindMillis();
      String state = projector.name() + " " + lag + " ms behind";
      states.add(state);
      if (lag > bound) {
        behind.add(state);
      }
    }
    if (!behind.isEmpty()) {
      return Result.unhealthy(String.join(", ", behind) + " (bound " + bound / 1000 + " s)");
    }
    return Result.healthy(states.isEmpty() ? "no projection runs here" : String.join(", ", states));
  }
}
