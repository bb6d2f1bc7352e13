package com.retail.identity.common.challenge;

import com.netflix.config.DynamicStringProperty;
import com.retail.identity.common.config.Knobs;
import java.util.Locale;

/**
 * What a check does while Redis cannot be reached, chosen per check with a knob ({@code open} or
 * {@code closed}): fail OPEN on in-process state (limits, counters and replay guards of this
 * instance only), or fail CLOSED (the request is refused or must wait).
 */
public enum OnRedisDown {
  OPEN,
  CLOSED;

  /** A knob holding {@code open} or {@code closed}; anything else means the default. */
  public static Knob knob(String name, OnRedisDown defaultMode) {
    return new Knob(
        Knobs.stringKnob(name, defaultMode.name().toLowerCase(Locale.ROOT)), defaultMode);
  }

  /** A dynamic failure mode. */
  public static final class Knob {
    private final DynamicStringProperty property;
    private final OnRedisDown defaultMode;

    Knob(DynamicStringProperty property, OnRedisDown defaultMode) {
      this.property = property;
      this.defaultMode = defaultMode;
    }

    public OnRedisDown get() {
      String value = property.get();
      if (value == null) {
        return defaultMode;
      }
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "open" -> OPEN;
        case "closed" -> CLOSED;
        default -> defaultMode;
      };
    }

    public String name() {
      return property.getName();
    }
  }
}
