package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;

/**
 * Email reservations left behind by registrations that died half way
 * (docs/adr/0005-reservation-reaper.md):
 *
 * <pre>
 * reservations:
 *   abandonedAfter: 2 minutes   # a pending reservation this old is taken over and reaped
 *   reaperInterval: 30 seconds  # pause between reaper passes
 *   reaperLookback: 15 minutes  # how far back a new reaper (after a restart or handover) looks
 *   reaper: true
 * </pre>
 */
public class ReservationSettings {
  /**
   * Far longer than any registration takes (hashing waits at most 5 s; store calls time out
   * sooner).
   */
  @JsonProperty
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration abandonedAfter = Duration.minutes(2);

  @JsonProperty
  @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
  private Duration reaperInterval = Duration.seconds(30);

  @JsonProperty
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration reaperLookback = Duration.minutes(15);

  @JsonProperty private boolean reaper = true;

  public java.time.Duration abandonedAfter() {
    return abandonedAfter.toJavaDuration();
  }

  public java.time.Duration reaperInterval() {
    return reaperInterval.toJavaDuration();
  }

  public java.time.Duration reaperLookback() {
    return reaperLookback.toJavaDuration();
  }

  public boolean isReaper() {
    return reaper;
  }
}
