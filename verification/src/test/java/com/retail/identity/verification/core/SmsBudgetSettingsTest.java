package com.retail.identity.verification.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.verification.core.SmsBudgetSettings.Budget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsBudgetSettingsTest {
  @Test
  void givenNoCountryListed_thenEveryCountryHasTheDefaultBudget() {
    assertThat(SmsBudgetSettings.DEFAULTS.country("fr")).isEqualTo(new Budget(120, 120));
    assertThat(SmsBudgetSettings.DEFAULTS.brake()).isEqualTo(new Budget(3000, 3000));
    assertThat(SmsBudgetSettings.DEFAULTS.brakeEngaged()).isFalse();
  }

  @Test
  void givenACountryListedInAnyCase_thenItsOwnBudgetAndTheOthersTheDefault() {
    SmsBudgetSettings settings =
        new SmsBudgetSettings(
            new Budget(10, 20), Map.of("fr", new Budget(2, 1)), new Budget(100, 100), false);

    assertThat(settings.country("FR")).isEqualTo(new Budget(2, 1));
    assertThat(settings.country("fr")).isEqualTo(new Budget(2, 1));
    assertThat(settings.country("DE")).isEqualTo(new Budget(10, 20));
    assertThat(settings.withCountry("de", new Budget(0, 0)).country("DE"))
        .isEqualTo(new Budget(0, 0));
  }
}
