package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  @Test
  void theFirstFourFailuresCostNothing() {
    assertThat(LoginThrottle.waitAfter(4)).isZero();
  }

  @Test
  void fromTheFifthFailureTheWaitDoublesFromOneSecond() {
    assertThat(LoginThrottle.waitAfter(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(LoginThrottle.waitAfter(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(LoginThrottle.waitAfter(10)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void theWaitNeverExceedsFifteenMinutesBeforeTheHundredthFailure() {
    assertThat(LoginThrottle.waitAfter(20)).isEqualTo(Duration.ofMinutes(15));
    assertThat(LoginThrottle.waitAfter(99)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theHundredthConsecutiveFailureClosesTheAccount() {
    assertThat(LoginThrottle.waitAfter(100)).isGreaterThan(Duration.ofDays(300));
  }
}
