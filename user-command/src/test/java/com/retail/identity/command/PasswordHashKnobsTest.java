package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.common.testing.TurnedKnobs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter between the Archaius knobs and the settings: names, precedence, and the listed
 * defaults.
 */
class PasswordHashKnobsTest {
  private static final PasswordHashSettings CONFIGURED = new PasswordHashSettings(4096, 3, 2);

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @Test
  void givenNoKnobTurned_thenTheConfiguredCost() {
    assertThat(new PasswordHashKnobs(CONFIGURED).get()).isEqualTo(CONFIGURED);
    assertThat(new PasswordHashKnobs(PasswordHashSettings.DEFAULTS).get())
        .isEqualTo(PasswordHashSettings.DEFAULTS);
  }

  @Test
  void givenAKnobTurned_thenItWinsOverTheConfigurationUntilCleared() {
    PasswordHashKnobs knobs = new PasswordHashKnobs(CONFIGURED);

    operator.turn(PasswordHashKnobs.ITERATIONS, "5");
    assertThat(knobs.get()).isEqualTo(new PasswordHashSettings(4096, 5, 2));

    operator.clear(PasswordHashKnobs.ITERATIONS);
    assertThat(knobs.get()).isEqualTo(CONFIGURED);
  }

  @Test
  void everyListedKnobTurnsItsOwnSettingAndListsTheConfiguredValue() {
    Map<String, String> listed = PasswordHashKnobs.knobs(CONFIGURED);
    assertThat(listed)
        .containsExactly(
            Map.entry(PasswordHashKnobs.MEMORY_KIB, "4096"),
            Map.entry(PasswordHashKnobs.ITERATIONS, "3"),
            Map.entry(PasswordHashKnobs.PARALLELISM, "2"));
    PasswordHashKnobs knobs = new PasswordHashKnobs(CONFIGURED);
    for (String name : listed.keySet()) {
      operator.turn(name, "7");
      assertThat(knobs.get()).as(name).isNotEqualTo(CONFIGURED);
      operator.clear(name);
    }
  }
}
