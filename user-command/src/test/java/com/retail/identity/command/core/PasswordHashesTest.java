package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  @Test
  void givenTheCostChanges_thenTheDummyHashOfUnknownAccountsCostsTheNewCostToo() {
    AtomicReference<PasswordHashSettings> cost =
        new AtomicReference<>(new PasswordHashSettings(1024, 1, 1));
    PasswordHashes hashes = new PasswordHashes(cost::get);
    String before = hashes.dummyHash();

    cost.set(new PasswordHashSettings(2048, 3, 1));
    String after = hashes.dummyHash();

    assertThat(before).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(after).startsWith("$argon2id$v=19$m=2048,t=3,p=1$");
    assertThat(hashes.dummyHash()).as("kept while the cost stays").isSameAs(after);
    assertThat(hashes.verify(after, "")).isFalse();
  }

  @Test
  void givenTheCostChanges_thenHashesAtTheOldCostNeedARehashAndKeepVerifying() {
    AtomicReference<PasswordHashSettings> cost =
        new AtomicReference<>(new PasswordHashSettings(1024, 1, 1));
    PasswordHashes hashes = new PasswordHashes(cost::get);
    String old = hashes.hash("violet-Harbor-93-lantern!");
    assertThat(hashes.needsRehash(old)).isFalse();

    cost.set(new PasswordHashSettings(1024, 2, 1));

    assertThat(hashes.needsRehash(old)).isTrue();
    assertThat(hashes.verify(old, "violet-Harbor-93-lantern!")).isTrue();
    assertThat(hashes.hash("violet-Harbor-93-lantern!"))
        .startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
  }
}
