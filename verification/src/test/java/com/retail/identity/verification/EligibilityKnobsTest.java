package com.retail.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.core.EligibilitySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter between the Archaius knobs and the eligibility rules: names, precedence, and the
 * listed defaults.
 */
class EligibilityKnobsTest {
  private static final EligibilitySettings CONFIGURED = new EligibilitySettings(2, 10);

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @Test
  void givenNoKnobTurned_thenTheConfiguredRules() {
    assertThat(new EligibilityKnobs(CONFIGURED).get()).isEqualTo(CONFIGURED);
    assertThat(new EligibilityKnobs(EligibilitySettings.DEFAULTS).get())
        .isEqualTo(new EligibilitySettings(1, 30));
  }

  @Test
  void givenTheKnobsTurned_thenTheyWinOverTheConfigurationUntilCleared() {
    EligibilityKnobs knobs = new EligibilityKnobs(CONFIGURED);
    operator.turn(EligibilityKnobs.MAX_ACCOUNTS_PER_PHONE, "3");
    operator.turn(EligibilityKnobs.ERASED_PHONE_HOLD_DAYS, "0");

    assertThat(knobs.get()).isEqualTo(new EligibilitySettings(3, 0));

    operator.clear(EligibilityKnobs.ERASED_PHONE_HOLD_DAYS);
    assertThat(knobs.get()).isEqualTo(new EligibilitySettings(3, 10));

    operator.turn(EligibilityKnobs.REQUIRE_VERIFIED_EMAIL, "true");
    assertThat(knobs.get()).isEqualTo(new EligibilitySettings(3, 10, true));
  }

  @Test
  void listsEveryKnobWithTheConfiguredValue() {
    assertThat(EligibilityKnobs.knobs(CONFIGURED))
        .containsExactly(
            Map.entry("identity.launch.maxAccountsPerPhone", "2"),
            Map.entry("identity.erasure.phoneHoldDays", "10"),
            Map.entry("identity.launch.requireVerifiedEmail", "false"));
  }
}
