package com.retail.identity.common.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.config.Knobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DifficultyTest {
  private final Difficulty difficulty = new Difficulty();

  @AfterEach
  void clearKnobs() {
    Knobs.clearOverride(Difficulty.DIFFICULTY);
    Knobs.clearOverride(Difficulty.LEVELS);
    Knobs.clearOverride(Difficulty.MAX_DIFFICULTY);
  }

  @Test
  void theDefaultLadderRisesWithTraffic() {
    assertThat(difficulty.forTraffic(1)).isEqualTo(50_000);
    assertThat(difficulty.forTraffic(999)).isEqualTo(50_000);
    assertThat(difficulty.forTraffic(1000)).isEqualTo(100_000);
    assertThat(difficulty.forTraffic(6000)).isEqualTo(250_000);
    assertThat(difficulty.forTraffic(1e9)).isEqualTo(1_000_000);
  }

  @Test
  void knobsChangeTheLadderTheFloorAndTheCeilingLive() {
    Knobs.override(Difficulty.LEVELS, "0:1000,10:5000,100:9000000");
    assertThat(difficulty.forTraffic(5))
        .isEqualTo(50_000); // the floor knob's default still applies
    Knobs.override(Difficulty.DIFFICULTY, "500");
    assertThat(difficulty.forTraffic(5)).isEqualTo(1000);
    assertThat(difficulty.forTraffic(10)).isEqualTo(5000);
    assertThat(difficulty.forTraffic(100)).isEqualTo(2_000_000); // the ceiling
    Knobs.override(Difficulty.MAX_DIFFICULTY, "3000000");
    assertThat(difficulty.forTraffic(100)).isEqualTo(3_000_000);
  }

  @Test
  void aMalformedLadderKeepsTheLastGoodOne() {
    Knobs.override(Difficulty.LEVELS, "0:1000,oops");
    assertThat(difficulty.forTraffic(1e9)).isEqualTo(1_000_000);
    assertThatThrownBy(() -> Difficulty.parse("1-2")).isInstanceOf(IllegalArgumentException.class);
  }
}
