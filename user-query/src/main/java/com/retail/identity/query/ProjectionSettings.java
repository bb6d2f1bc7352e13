package com.retail.identity.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Static settings of the projectors (the runtime ones are knobs, see {@link ReadSideKnobs}). */
public class ProjectionSettings {
  /** Whether this instance competes for the projection leases; reads work either way. */
  @JsonProperty private boolean enabled = true;

  /**
   * Where a projection with no checkpoint starts: this far back (the replayer's initial load covers
   * the rest).
   */
  @JsonProperty
  @Min(0)
  @Max(43_200)
  private int initialLookbackMinutes = 60;

  /** Threads that read and fold user streams (and write cache documents) in parallel. */
  @JsonProperty
  @Min(1)
  @Max(64)
  private int threads = 8;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public int getInitialLookbackMinutes() {
    return initialLookbackMinutes;
  }

  public int getThreads() {
    return threads;
  }
}
