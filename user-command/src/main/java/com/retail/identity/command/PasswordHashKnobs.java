package com.retail.identity.command;

import com.netflix.config.DynamicIntProperty;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.common.config.Knobs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Argon2id cost as operators turn it: three Archaius knobs, read afresh for every hash. A knob
 * no layer sets has the configured value ({@code passwordHashing} in the YAML, else {@link
 * PasswordHashSettings#DEFAULTS}).
 */
public final class PasswordHashKnobs implements Supplier<PasswordHashSettings> {
  public static final String MEMORY_KIB = "identity.password.argon2.memoryKib";
  public static final String ITERATIONS = "identity.password.argon2.iterations";
  public static final String PARALLELISM = "identity.password.argon2.parallelism";

  private final DynamicIntProperty memoryKib;
  private final DynamicIntProperty iterations;
  private final DynamicIntProperty parallelism;

  public PasswordHashKnobs(PasswordHashSettings configured) {
    memoryKib = Knobs.intKnob(MEMORY_KIB, configured.memoryKib());
    iterations = Knobs.intKnob(ITERATIONS, configured.iterations());
    parallelism = Knobs.intKnob(PARALLELISM, configured.parallelism());
  }

  @Override
  public PasswordHashSettings get() {
    return new PasswordHashSettings(memoryKib.get(), iterations.get(), parallelism.get());
  }

  /**
   * Each knob with the value it has while no layer sets it (the README's knob table is checked
   * against this).
   */
  public static Map<String, String> knobs(PasswordHashSettings configured) {
    Map<String, String> knobs = new LinkedHashMap<>();
    knobs.put(MEMORY_KIB, String.valueOf(configured.memoryKib()));
    knobs.put(ITERATIONS, String.valueOf(configured.iterations()));
    knobs.put(PARALLELISM, String.valueOf(configured.parallelism()));
    return knobs;
  }
}
