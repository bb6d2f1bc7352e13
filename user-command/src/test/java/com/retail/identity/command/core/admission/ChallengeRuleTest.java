package com.retail.identity.command.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When each rule demands proof of work. */
class ChallengeRuleTest {
  private final AdmissionSettings defaults = AdmissionSettings.DEFAULTS;

  private static AdmissionSettings risk(double ratio, int minAttempts, int maxAccounts) {
    return AdmissionSettings.DEFAULTS.withRisk(
        new RiskThresholds(ratio, minAttempts, maxAccounts, 300));
  }

  @Test
  void givenLaunchMode_thenEveryRequestIsChallenged() {
    assertThat(new LaunchMode().reasonToChallenge(LoginSignals.NONE, defaults.withLaunchMode(true)))
        .contains("launch-mode");
    assertThat(new LaunchMode().reasonToChallenge(LoginSignals.NONE, defaults)).isEmpty();
  }

  @Test
  void givenSignalsThatCouldNotBeRead_thenTheRequestCountsAsRisky() {
    assertThat(new UnknownLoginSignals().reasonToChallenge(LoginSignals.UNKNOWN, defaults))
        .contains("risk-unknown");
    assertThat(new UnknownLoginSignals().reasonToChallenge(LoginSignals.NONE, defaults)).isEmpty();
  }

  @Test
  void givenEnoughAttempts_whenTheFailuresReachTheRatio_thenRisky() {
    FailedLoginRatio rule = new FailedLoginRatio();
    AdmissionSettings settings = risk(0.5, 4, 10);

    assertThat(rule.reasonToChallenge(LoginSignals.of(4, 2, 1), settings))
        .contains("risk-failed-logins");
    assertThat(rule.reasonToChallenge(LoginSignals.of(4, 1, 1), settings))
        .as("below the ratio")
        .isEmpty();
    assertThat(rule.reasonToChallenge(LoginSignals.of(3, 3, 1), settings))
        .as("too few attempts")
        .isEmpty();
  }

  @Test
  void givenMinAttemptsOfZero_whenNothingWasTried_thenNotRisky() {
    assertThat(new FailedLoginRatio().reasonToChallenge(LoginSignals.NONE, risk(0.5, 0, 10)))
        .isEmpty();
    assertThat(new FailedLoginRatio().reasonToChallenge(LoginSignals.of(1, 1, 1), risk(0.5, 0, 10)))
        .contains("risk-failed-logins");
  }

  @Test
  void givenMoreAccountsThanTheMaximum_thenRisky_andAMaximumOfZeroTurnsTheRuleOff() {
    ManyAccountsFromOneAddress rule = new ManyAccountsFromOneAddress();

    assertThat(rule.reasonToChallenge(LoginSignals.of(11, 0, 11), risk(0.5, 20, 10)))
        .contains("risk-many-accounts");
    assertThat(rule.reasonToChallenge(LoginSignals.of(10, 0, 10), risk(0.5, 20, 10))).isEmpty();
    assertThat(rule.reasonToChallenge(LoginSignals.of(99, 0, 99), risk(0.5, 20, 0))).isEmpty();
  }

  @Test
  void theReasonsAreReportedInThisOrder() {
    assertThat(ChallengeRule.all())
        .extracting(rule -> rule.getClass().getSimpleName())
        .containsExactly(
            "LaunchMode", "UnknownLoginSignals", "FailedLoginRatio", "ManyAccountsFromOneAddress");
  }

  @Test
  void givenAWindowSetting_thenSignalsAreCountedPerWindowAndKeptTwo_withATenSecondFloor() {
    RiskThresholds fiveMinutes = new RiskThresholds(0.5, 20, 10, 300);

    assertThat(fiveMinutes.windowAt(299_999)).isZero();
    assertThat(fiveMinutes.windowAt(300_000)).isEqualTo(1);
    assertThat(fiveMinutes.keep()).isEqualTo(Duration.ofMinutes(10));
    assertThat(new RiskThresholds(0.5, 20, 10, 1).keep()).isEqualTo(Duration.ofSeconds(20));
  }
}
