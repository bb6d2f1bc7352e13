package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.PasswordHashKnobs;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.command.core.admission.AdmissionSettings;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.challenge.ReplayGuard;
import com.retail.identity.common.challenge.TrafficMeter;
import com.retail.identity.query.ReadSideKnobs;
import com.retail.identity.verification.EligibilityKnobs;
import com.retail.identity.verification.SmsBudgetKnobs;
import com.retail.identity.verification.core.EligibilitySettings;
import com.retail.identity.verification.core.SmsBudgetSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's knob table against the code: every knob of the platform's own code is in it with the
 * default of its settings class and its service, and every {@code identity.*} knob in it is one the
 * code reads. The libraries' knobs ({@code hystrix.*}, {@code <client>.ribbon.*}) are theirs, not
 * checked.
 */
class KnobTableTest {
  private static final String SECTION = "### Knobs (change without a restart)";
  private static final Pattern NAME = Pattern.compile("`([^`]+)`");
  private static final Pattern DESCRIBED_LIST = Pattern.compile("(\\d+) [^(]*\\((.+)\\)");

  /** Read by common's challenge classes, whose defaults have no settings class yet: names only. */
  private static final Set<String> NAMES_ONLY =
      Set.of(TrafficMeter.WINDOW, ReplayGuard.ON_REDIS_DOWN);

  record Known(String service, String defaultValue) {}

  record Row(int line, List<String> names, String defaults, String services) {
    /**
     * The default shown for the name at {@code index}: the whole cell for one name, else its
     * comma-separated part.
     */
    String defaultOf(int index) {
      if (names.size() == 1) {
        return defaults.strip();
      }
      String[] parts = defaults.split(", ");
      assertThat(parts).as("README line %d: one default per knob", line).hasSize(names.size());
      return parts[index].strip().replace("`", "");
    }
  }

  /**
   * Every knob the platform's code reads through a settings class, with its service and default.
   */
  static Map<String, Known> known() {
    Map<String, Known> known = new LinkedHashMap<>();
    PasswordHashKnobs.knobs(PasswordHashSettings.DEFAULTS)
        .forEach((k, v) -> known.put(k, new Known("user-command", v)));
    AdmissionKnobs.knobs(AdmissionSettings.DEFAULTS)
        .forEach((k, v) -> known.put(k, new Known("user-command", v)));
    EligibilityKnobs.knobs(EligibilitySettings.DEFAULTS)
        .forEach((k, v) -> known.put(k, new Known("verification", v)));
    SmsBudgetKnobs.knobs(SmsBudgetSettings.DEFAULTS)
        .forEach((k, v) -> known.put(k, new Known("verification", v)));
    ReadSideKnobs.knobs().forEach((k, v) -> known.put(k, new Known("user-query", v)));
    known.put(
        Difficulty.DIFFICULTY,
        new Known("verification", String.valueOf(Difficulty.DEFAULT_DIFFICULTY)));
    known.put(Difficulty.LEVELS, new Known("verification", Difficulty.DEFAULT_LEVELS));
    known.put(
        Difficulty.MAX_DIFFICULTY,
        new Known("verification", String.valueOf(Difficulty.DEFAULT_MAX_DIFFICULTY)));
    return known;
  }

  static List<Row> rows(String readme) {
    List<String> lines = Arrays.asList(readme.split("\n", -1));
    int at = lines.indexOf(SECTION);
    assertThat(at).as("README section " + SECTION).isNotNegative();
    while (!lines.get(at).startsWith("| knob |")) {
      at++;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("(?<!\\\\)\\|");
      rows.add(new Row(i + 1, names(cells[1]), cells[2], cells[3]));
    }
    return rows;
  }

  /**
   * The backticked names of a cell; {@code `.perMinute`} after {@code `a.b.burst`} is {@code
   * a.b.perMinute}.
   */
  static List<String> names(String cell) {
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(cell);
    while (m.find()) {
      String name = m.group(1);
      if (name.startsWith(".") && !names.isEmpty()) {
        String previous = names.get(names.size() - 1);
        name = previous.substring(0, previous.lastIndexOf('.')) + name;
      }
      names.add(name);
    }
    return names;
  }

  @Test
  void everyKnobOfTheCodeIsInTheTableWithItsDefaultAndService() {
    assertThat(problems(Repo.read(Repo.ROOT.resolve("README.md")), known()))
        .as("README knob table against the code")
        .isEmpty();
  }

  static List<String> problems(String readme, Map<String, Known> known) {
    Map<String, Row> rowOf = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Row row : rows(readme)) {
      for (int i = 0; i < row.names().size(); i++) {
        String name = row.names().get(i);
        if (!name.startsWith("identity.")) {
          continue;
        }
        if (rowOf.put(name, row) != null) {
          problems.add(name + " is in two rows (line " + row.line() + ")");
        }
        Known expected = known.get(name);
        if (expected == null) {
          if (!NAMES_ONLY.contains(name)) {
            problems.add(name + " (line " + row.line() + ") is no knob the code reads");
          }
          continue;
        }
        if (!row.services().contains(expected.service())) {
          problems.add(
              name
                  + " (line "
                  + row.line()
                  + ") belongs to "
                  + expected.service()
                  + ", not"
                  + row.services());
        }
        String shown = row.defaultOf(i);
        if (!sameDefault(shown, expected.defaultValue())) {
          problems.add(
              name
                  + " (line "
                  + row.line()
                  + ") shows default "
                  + shown
                  + ", the code's is "
                  + expected.defaultValue());
        }
      }
    }
    known.keySet().stream()
        .filter(name -> !rowOf.containsKey(name))
        .forEach(
            name ->
                problems.add(
                    name
                        + " (default "
                        + known.get(name).defaultValue()
                        + ") is missing from the table"));
    NAMES_ONLY.stream()
        .filter(name -> !rowOf.containsKey(name))
        .forEach(name -> problems.add(name + " is missing from the table"));
    return problems;
  }

  /**
   * A plain value is shown as it is; a list (space-separated domains) as "N ... (some, of, them,
   * ...)": N must be its size and each one shown must be in it.
   */
  static boolean sameDefault(String shown, String expected) {
    if (!expected.contains(" ")) {
      return shown.equals(expected);
    }
    Set<String> items = Set.of(expected.split(" "));
    Matcher described = DESCRIBED_LIST.matcher(shown);
    return described.matches()
        && Integer.parseInt(described.group(1)) == items.size()
        && Arrays.stream(described.group(2).split(", "))
            .map(String::strip)
            .allMatch(item -> item.equals("...") || items.contains(item));
  }

  @Test
  void theCheckSeesADriftedDefaultAMissingKnobAStrangerAndAWrongService() {
    String readme = Repo.read(Repo.ROOT.resolve("README.md"));
    String argon = "| `identity.password.argon2.iterations` | 2 | user-command |";
    assertThat(readme).contains(argon);

    assertThat(
            problems(
                readme.replace(
                    argon, "| `identity.password.argon2.iterations` | 3 | user-command |"),
                known()))
        .containsExactly(
            "identity.password.argon2.iterations (line "
                + lineOf(readme, argon)
                + ") shows default 3, the code's is 2");
    assertThat(
            problems(
                readme.replace(
                    argon, "| `identity.password.argon2.iteration` | 2 | user-command |"),
                known()))
        .anyMatch(p -> p.startsWith("identity.password.argon2.iteration (line"))
        .anyMatch(p -> p.startsWith("identity.password.argon2.iterations (default 2) is missing"));
    assertThat(
            problems(
                readme.replace(argon, "| `identity.password.argon2.iterations` | 2 | user-query |"),
                known()))
        .anyMatch(p -> p.contains("belongs to user-command"));
    assertThat(
            problems(
                readme,
                Map.of("identity.sms.budget.default.burst", new Known("verification", "121"))))
        .contains(
            "identity.sms.budget.default.burst (line "
                + lineOf(readme, "| `identity.sms.budget.default.burst`")
                + ") shows default 120, the code's is 121");
  }

  private static int lineOf(String readme, String start) {
    List<String> lines = Arrays.asList(readme.split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with " + start);
  }

  @Test
  void namesAndListedDefaultsAreReadAsTheTableWritesThem() {
    assertThat(names("`identity.risk.failureRatio`, `.minAttempts`"))
        .containsExactly("identity.risk.failureRatio", "identity.risk.minAttempts");
    assertThat(sameDefault("2 providers (a.example, ...)", "a.example b.example")).isTrue();
    assertThat(sameDefault("3 providers (a.example, ...)", "a.example b.example")).isFalse();
    assertThat(sameDefault("2 providers (c.example, ...)", "a.example b.example")).isFalse();
  }
}
