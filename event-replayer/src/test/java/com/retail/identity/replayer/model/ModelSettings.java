package com.retail.identity.replayer.model;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The knobs of the model-based test, as system properties (or MODEL_* environment variables):
 *
 * <pre>
 *   model.seed                  the generator's seed; printed at the start and in every failure (replays the same histories)
 *   model.histories             histories per run (the pom: 60, -Pnightly 600)
 *   model.shrinks               shrink cycles after a failure: smaller histories tried to find the smallest failing one
 *   model.people                at most this many people per history (1..n)
 *   model.clients               at most this many concurrent clients per history (2..n)
 *   model.steps                 at most this many steps per client (1..n)
 *   model.operations            the steps drawn: register,login,profile,password,erase,import
 *   model.spellings             the email spellings drawn: plain,upper_case,padded,full_width,ligature,kelvin_sign
 *   model.preconditions         the If-Match headers drawn: none,current,stale,ahead,zero,negative,not_a_number
 *   model.projectionWaitSeconds how long the read models may take to catch up after a history
 * </pre>
 */
record ModelSettings(
    long seed,
    int histories,
    int shrinks,
    int people,
    int clients,
    int steps,
    Set<Operation> operations,
    Set<History.Spelling> spellings,
    Set<History.Precondition> preconditions,
    int projectionWaitSeconds) {

  enum Operation {
    REGISTER,
    LOGIN,
    PROFILE,
    PASSWORD,
    ERASE,
    IMPORT
  }

  static ModelSettings fromEnvironment() {
    return new ModelSettings(
        Long.parseLong(value("model.seed", Long.toString(new SecureRandom().nextLong()))),
        Integer.parseInt(value("model.histories", "60")),
        Integer.parseInt(value("model.shrinks", "10")),
        Integer.parseInt(value("model.people", "3")),
        Integer.parseInt(value("model.clients", "4")),
        Integer.parseInt(value("model.steps", "8")),
        names(
            Operation.class,
            value("model.operations", "register,login,profile,password,erase,import")),
        names(
            History.Spelling.class,
            value("model.spellings", "plain,upper_case,padded,full_width,ligature,kelvin_sign")),
        names(
            History.Precondition.class,
            value("model.preconditions", "none,current,stale,ahead,zero,negative,not_a_number")),
        Integer.parseInt(value("model.projectionWaitSeconds", "60")));
  }

  String describe() {
    return "seed "
        + seed
        + ", "
        + histories
        + " histories of up to "
        + people
        + " people, "
        + clients
        + " clients x "
        + steps
        + " steps; operations "
        + operations
        + "; spellings "
        + spellings
        + "; If-Match "
        + preconditions;
  }

  /** The command line that runs exactly these histories again. */
  String replay() {
    return "-Dmodel.seed="
        + seed
        + " -Dmodel.histories="
        + histories
        + " -Dmodel.people="
        + people
        + " -Dmodel.clients="
        + clients
        + " -Dmodel.steps="
        + steps
        + " -Dmodel.operations="
        + names(operations)
        + " -Dmodel.spellings="
        + names(spellings)
        + " -Dmodel.preconditions="
        + names(preconditions);
  }

  private static String names(Set<? extends Enum<?>> chosen) {
    return chosen.stream()
        .map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  private static String value(String property, String fallback) {
    String set = System.getProperty(property);
    if (set == null || set.isBlank()) {
      set = System.getenv(property.replace('.', '_').toUpperCase(Locale.ROOT));
    }
    return set == null || set.isBlank() ? fallback : set.strip();
  }

  private static <E extends Enum<E>> Set<E> names(Class<E> type, String list) {
    EnumSet<E> chosen = EnumSet.noneOf(type);
    Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(name -> chosen.add(Enum.valueOf(type, name.toUpperCase(Locale.ROOT))));
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "no " + type.getSimpleName() + " chosen in '" + list + "'");
    }
    return chosen;
  }
}
