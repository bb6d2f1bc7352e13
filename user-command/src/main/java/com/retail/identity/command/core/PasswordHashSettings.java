package com.retail.identity.command.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Objects;

/**
 * The Argon2id cost of new password hashes (existing hashes keep their own). Operators may turn it
 * without a restart ({@code PasswordHashKnobs}); the service's YAML ({@code passwordHashing}) may
 * set it for an environment. Every default is written here once: OWASP's m=19456 KiB, t=2, p=1.
 *
 * @param memoryKib memory cost in KiB
 * @param iterations time cost (passes over the memory)
 * @param parallelism lanes
 */
public record PasswordHashSettings(
    @Min(8) @Max(4_194_304) int memoryKib,
    @Min(1) @Max(1_000) int iterations,
    @Min(1) @Max(255) int parallelism) {

  public static final PasswordHashSettings DEFAULTS = new PasswordHashSettings(19_456, 2, 1);

  /** Benchmarks of everything but the hash only: local mode with the explicit bench flag. */
  public static final PasswordHashSettings BENCH = new PasswordHashSettings(64, 1, 1);

  /** From YAML: a key left out keeps its default. */
  @JsonCreator
  static PasswordHashSettings of(
      @JsonProperty("memoryKib") Integer memoryKib,
      @JsonProperty("iterations") Integer iterations,
      @JsonProperty("parallelism") Integer parallelism) {
    return new PasswordHashSettings(
        Objects.requireNonNullElse(memoryKib, DEFAULTS.memoryKib),
        Objects.requireNonNullElse(iterations, DEFAULTS.iterations),
        Objects.requireNonNullElse(parallelism, DEFAULTS.parallelism));
  }
}
