package com.retail.identity.common.arch.core;

import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import java.util.function.IntSupplier;

/** Use cases in a core package that read a knob themselves, and one that is handed its setting. */
public final class KnobReadingUseCases {
  private KnobReadingUseCases() {}

  /** Reads Archaius through the platform's helper. */
  public static final class ReadsKnobs {
    private final DynamicIntProperty limit = Knobs.intKnob("identity.example.limit", 1);

    public int run() {
      return limit.get();
    }
  }

  /** Handed its setting: the adapter outside core reads the knob. */
  public static final class HandedItsSetting {
    private final IntSupplier limit;

    public HandedItsSetting(IntSupplier limit) {
      this.limit = limit;
    }

    public int run() {
      return limit.getAsInt();
    }
  }
}
