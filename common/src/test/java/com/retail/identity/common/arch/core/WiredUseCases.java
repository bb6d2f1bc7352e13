package com.retail.identity.common.arch.core;

import com.google.inject.Inject;
import java.time.Clock;

/**
 * A use case that asks the injector for its parts, and one built by a module's constructor call.
 */
public final class WiredUseCases {
  private WiredUseCases() {}

  /** Wired by annotation: only a Guice injector can build it the intended way. */
  public static final class InjectedByAnnotation {
    private final Clock clock;

    @Inject
    public InjectedByAnnotation(Clock clock) {
      this.clock = clock;
    }

    public long now() {
      return clock.millis();
    }
  }

  /** A plain constructor: the module calls it; a test calls it the same way. */
  public static final class PlainConstructor {
    private final Clock clock;

    public PlainConstructor(Clock clock) {
      this.clock = clock;
    }

    public long now() {
      return clock.millis();
    }
  }
}
