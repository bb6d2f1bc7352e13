package com.retail.identity.verification.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The rules of SMS one-time codes. */
public class CodeSettings {
  /** How long a code is valid after it was sent. */
  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration ttl = Duration.minutes(10);

  /** The shortest time between two codes for the same phone. */
  @JsonProperty @NotNull private Duration resendCooldown = Duration.seconds(30);

  /** Wrong codes allowed per verification; a new code does not reset the count. */
  @JsonProperty
  @Min(1)
  @Max(10)
  private int maxAttempts = 5;

  /**
   * How long a verification (and with it its failure count) lives after it was started: asking
   * again for the same phone within it resends in the same verification.
   */
  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.SECONDS)
  private Duration attemptWindow = Duration.hours(1);

  /** Codes sent to one phone number per UTC day (all users together). */
  @JsonProperty
  @Min(1)
  private int dailyPerPhone = 5;

  /** Codes sent for one user per UTC day (all phones together). */
  @JsonProperty
  @Min(1)
  private int dailyPerUser = 10;

  public java.time.Duration ttl() {
    return java.time.Duration.ofMillis(ttl.toMilliseconds());
  }

  public java.time.Duration resendCooldown() {
    return java.time.Duration.ofMillis(resendCooldown.toMilliseconds());
  }

  public java.time.Duration attemptWindow() {
    return java.time.Duration.ofMillis(attemptWindow.toMilliseconds());
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public int getDailyPerPhone() {
    return dailyPerPhone;
  }

  public int getDailyPerUser() {
    return dailyPerUser;
  }
}
