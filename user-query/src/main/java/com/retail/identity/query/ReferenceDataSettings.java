package com.retail.identity.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reference data (countries, disposable email domains, launches) in Redis. */
public class ReferenceDataSettings {
  /**
   * Load the shipped reference data into Redis at start when it is missing (local and test stacks);
   * production loads it with the event-replayer's command, never at start.
   */
  @JsonProperty private boolean loadIfMissing = false;

  public boolean isLoadIfMissing() {
    return loadIfMissing;
  }
}
