package com.retail.identity.command.core.admission;

/**
 * A token bucket's size: {@code burst} requests at once, refilled at {@code perMinute}. Zero in
 * either turns the bucket off.
 */
public record Limit(int burst, int perMinute) {
  public static final Limit OFF = new Limit(0, 0);

  public boolean isOff() {
    return burst <= 0 || perMinute <= 0;
  }
}
