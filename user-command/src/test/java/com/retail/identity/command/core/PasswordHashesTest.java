package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.config.Knobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  @AfterEach
  void clearKnobs() {
    Knobs.clearOverride(PasswordHashes.MEMORY_KIB);
    Knobs.clearOverride(PasswordHashes.ITERATIONS);
  }

  @Test
  void givenTheCostKnobsChange_thenTheDummyHashOfUnknownAccountsCostsTheNewCostToo() {
    PasswordHashes hashes = new PasswordHashes();
    Knobs.override(PasswordHashes.MEMORY_KIB, "1024");
    Knobs.override(PasswordHashes.ITERATIONS, "1");
    String before = hashes.dummyHash();

    Knobs.override(PasswordHashes.MEMORY_KIB, "2048");
    Knobs.override(PasswordHashes.ITERATIONS, "3");
    String after = hashes.dummyHash();

    assertThat(before).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(after).startsWith("$argon2id$v=19$m=2048,t=3,p=1$");
    assertThat(hashes.dummyHash()).as("kept while the cost stays").isSameAs(after);
    assertThat(hashes.verify(after, "")).isFalse();
  }
}
