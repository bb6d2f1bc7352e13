package com.retail.identity.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.config.DynamicIntProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnobsTest {
  private static final String KNOB = "identity.test.knobs.level";

  @AfterEach
  void clear() {
    Knobs.clearOverride(KNOB);
    System.clearProperty(KNOB);
  }

  @Test
  void runtimeOverrideWinsAndClearingItRestoresTheDefault() {
    DynamicIntProperty level = Knobs.intKnob(KNOB, 1);
    assertThat(level.get()).isEqualTo(1);

    Knobs.override(KNOB, "7");
    assertThat(level.get()).isEqualTo(7);

    Knobs.clearOverride(KNOB);
    assertThat(level.get()).isEqualTo(1);
  }

  @Test
  void aChangedKnobFileIsPickedUpWithoutARestart() throws Exception {
    // Given a polled knob file (it outlives the test: the poller keeps reading it for the JVM's
    // life)
    Path file = Files.createDirectories(Path.of("target")).resolve("knobs-test.properties");
    String key = "identity.test.knobs.file";
    Files.writeString(file, key + "=3\n");
    Knobs.install(file, 200);
    DynamicIntProperty fromFile = Knobs.intKnob(key, 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> fromFile.get() == 3);

    // When an operator edits it
    Files.writeString(file, key + "=9\n");

    // Then the property follows, and a runtime override still wins over it
    await().atMost(Duration.ofSeconds(5)).until(() -> fromFile.get() == 9);
    Knobs.override(key, "11");
    assertThat(fromFile.get()).isEqualTo(11);
    Knobs.clearOverride(key);
    assertThat(fromFile.get()).isEqualTo(9);
  }
}
