package com.retail.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.core.SmsBudgetSettings;
import com.retail.identity.verification.core.SmsBudgetSettings.Budget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter between the Archaius knobs and the SMS budgets: names, precedence, and the listed
 * defaults.
 */
class SmsBudgetKnobsTest {
  private static final SmsBudgetSettings CONFIGURED =
      new SmsBudgetSettings(
          new Budget(50, 60), Map.of("GB", new Budget(7, 8)), new Budget(900, 1000), false);

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @Test
  void givenNoKnobTurned_thenTheConfiguredBudgets() {
    assertThat(new SmsBudgetKnobs(CONFIGURED).get()).isEqualTo(CONFIGURED);
    assertThat(new SmsBudgetKnobs(SmsBudgetSettings.DEFAULTS).get())
        .isEqualTo(SmsBudgetSettings.DEFAULTS);
  }

  @Test
  void givenOneKnobOfACountry_thenItsOtherKnobFallsBackToTheDefaultBudget() {
    SmsBudgetKnobs knobs = new SmsBudgetKnobs(CONFIGURED);
    operator.turn("identity.sms.budget.FR.burst", "2");
    operator.turn("identity.sms.budget.ES.perMinute", "0");

    SmsBudgetSettings settings = knobs.get();

    assertThat(settings.country("fr")).isEqualTo(new Budget(2, 60));
    assertThat(settings.country("ES")).isEqualTo(new Budget(50, 0));
    assertThat(settings.country("DE")).isEqualTo(new Budget(50, 60));
  }

  @Test
  void givenAConfiguredCountry_thenItsKnobWinsAndMinusOneMeansAsConfigured() {
    SmsBudgetKnobs knobs = new SmsBudgetKnobs(CONFIGURED);
    operator.turn("identity.sms.budget.GB.perMinute", "3");
    operator.turn("identity.sms.budget.GB.burst", "-1");

    assertThat(knobs.get().country("GB")).isEqualTo(new Budget(7, 3));
  }

  @Test
  void givenTheDefaultAndBrakeKnobs_thenTheyWinOverTheConfiguration() {
    SmsBudgetKnobs knobs = new SmsBudgetKnobs(CONFIGURED);
    operator.turn("identity.sms.budget.default.burst", "5");
    operator.turn("identity.sms.budget.default.perMinute", "6");
    operator.turn("identity.sms.brake.burst", "11");
    operator.turn("identity.sms.brake.perMinute", "12");
    operator.turn("identity.sms.brake.engaged", "true");

    SmsBudgetSettings settings = knobs.get();

    assertThat(settings.country("DE")).isEqualTo(new Budget(5, 6));
    assertThat(settings.country("GB")).as("configured on its own").isEqualTo(new Budget(7, 8));
    assertThat(settings.brake()).isEqualTo(new Budget(11, 12));
    assertThat(settings.brakeEngaged()).isTrue();
  }

  @Test
  void listsEveryKnobWithTheConfiguredValue() {
    assertThat(SmsBudgetKnobs.knobs(CONFIGURED))
        .containsExactly(
            Map.entry("identity.sms.budget.default.burst", "50"),
            Map.entry("identity.sms.budget.default.perMinute", "60"),
            Map.entry("identity.sms.budget.<CC>.burst", "-1"),
            Map.entry("identity.sms.budget.<CC>.perMinute", "-1"),
            Map.entry("identity.sms.brake.burst", "900"),
            Map.entry("identity.sms.brake.perMinute", "1000"),
            Map.entry("identity.sms.brake.engaged", "false"));
  }
}
