package com.retail.identity.replayer.model;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A generated history: a few people, and for each concurrent client the steps it takes, in order.
 * Clients act on the people's accounts through what they have learned so far (sessions, versions,
 * passwords), so how the steps interleave decides what each one meets.
 */
record History(int people, List<List<Step>> clients) {

  int steps() {
    return clients.stream().mapToInt(List::size).sum();
  }

  String describe() {
    return people
        + " people, "
        + clients.size()
        + " clients, "
        + steps()
        + " steps:\n"
        + IntStream.range(0, clients.size())
            .mapToObj(
                c ->
                    "  client "
                        + c
                        + ": "
                        + clients.get(c).stream()
                            .map(Step::describe)
                            .collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
  }

  /** How a client writes a person's email address; every spelling names the same identity. */
  enum Spelling {
    PLAIN,
    UPPER_CASE,
    PADDED,
    FULL_WIDTH,
    LIGATURE,
    KELVIN_SIGN;

    /** The person's address in this spelling; {@code person} 0 is {@code kofi0@<domain>}. */
    String of(int person, String domain) {
      String local = "kofi" + person;
      return switch (this) {
        case PLAIN -> local + "@" + domain;
        case UPPER_CASE -> (local + "@" + domain).toUpperCase(Locale.ROOT);
        case PADDED -> "  " + local + "@" + domain + " ";
        case FULL_WIDTH -> fullWidth(local) + "@" + domain;
        case LIGATURE -> local.replace("fi", "\uFB01") + "@" + domain;
        case KELVIN_SIGN -> local.replace('k', '\u212A') + "@" + domain;
      };
    }

    private static String fullWidth(String ascii) {
      StringBuilder wide = new StringBuilder();
      ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
      return wide.toString();
    }
  }

  /** The identity an address stands for: trimmed, NFKC, case-folded (DESIGN "Identity key"). */
  static String identityOf(String email) {
    String folded =
        Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }

  /**
   * What a profile change sends as {@code If-Match}, relative to the version the client last saw.
   */
  enum Precondition {
    NONE,
    CURRENT,
    STALE,
    AHEAD,
    ZERO,
    NEGATIVE,
    NOT_A_NUMBER;

    /** The header value, or null for none. */
    String header(long known, int offset) {
      return switch (this) {
        case NONE -> null;
        case CURRENT -> Long.toString(known);
        case STALE ->
            Long.toString(Math.max(1, known - offset)); // ZERO and NEGATIVE cover the rest
        case AHEAD -> Long.toString(known + offset);
        case ZERO -> "0";
        case NEGATIVE -> Long.toString(-offset);
        case NOT_A_NUMBER -> "v" + known;
      };
    }
  }

  /** One thing a client does. */
  sealed interface Step permits Register, LogIn, ChangeProfile, ChangePassword, Erase, Import {
    int person();

    String describe();
  }

  /** Register the person (then log in, to act on the account). */
  record Register(int person, Spelling spelling, int password, String firstName) implements Step {
    @Override
    public String describe() {
      return "register(p" + person + " " + spelling + " pw" + password + " " + firstName + ")";
    }
  }

  record LogIn(int person, Spelling spelling) implements Step {
    @Override
    public String describe() {
      return "login(p" + person + " " + spelling + ")";
    }
  }

  record ChangeProfile(int person, String firstName, Precondition precondition, int offset)
      implements Step {
    @Override
    public String describe() {
      String ifMatch =
          switch (precondition) {
            case NONE -> "";
            case STALE -> " If-Match:seen-" + offset;
            case AHEAD -> " If-Match:seen+" + offset;
            case NEGATIVE -> " If-Match:-" + offset;
            default -> " If-Match:" + precondition;
          };
      return "patch(p" + person + " " + firstName + ifMatch + ")";
    }
  }

  record ChangePassword(int person) implements Step {
    @Override
    public String describe() {
      return "password(p" + person + ")";
    }
  }

  record Erase(int person) implements Step {
    @Override
    public String describe() {
      return "erase(p" + person + ")";
    }
  }

  /**
   * The event-replayer imports a one-row file for the person (as the previous system exported
   * them).
   */
  record Import(int person, Spelling spelling, String firstName) implements Step {
    @Override
    public String describe() {
      return "import(p" + person + " " + spelling + " " + firstName + ")";
    }
  }
}
