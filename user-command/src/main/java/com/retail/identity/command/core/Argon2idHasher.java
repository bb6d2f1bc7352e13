package com.retail.identity.command.core;

import com.netflix.config.DynamicIntProperty;
import com.retail.identity.common.config.Knobs;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;

/**
 * Argon2id through the native reference implementation (the fastest correct one: hashing is
 * the physical limit of login throughput). Cost parameters are knobs; hashes carry their own
 * parameters, so a change applies to new hashes without breaking old ones.
 */
public final class Argon2idHasher implements PasswordHasher {
  public static final String MEMORY_KIB = "identity.password.argon2.memoryKib";
  public static final String ITERATIONS = "identity.password.argon2.iterations";
  public static final String PARALLELISM = "identity.password.argon2.parallelism";

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final DynamicIntProperty memoryKib = Knobs.intKnob(MEMORY_KIB, 19_456);
  private final DynamicIntProperty iterations = Knobs.intKnob(ITERATIONS, 2);
  private final DynamicIntProperty parallelism = Knobs.intKnob(PARALLELISM, 1);

  @Override
  public String hash(char[] password) {
    try {
      return argon2.hash(iterations.get(), memoryKib.get(), parallelism.get(), password);
    } finally {
      argon2.wipeArray(password);
    }
  }

  @Override
  public boolean verify(String hash, char[] password) {
    try {
      return argon2.verify(hash, password);
    } finally {
      argon2.wipeArray(password);
    }
  }
}
