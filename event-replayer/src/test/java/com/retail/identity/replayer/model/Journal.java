package com.retail.identity.replayer.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** What every call of a history answered, in the order the calls started. */
final class Journal {
  /** What a call was. */
  enum Action {
    REGISTER,
    LOGIN,
    PATCH,
    PASSWORD,
    ERASE,
    IMPORT
  }

  /** No answer at all (connection failed or timed out): the outcome is unknown. */
  static final int NO_ANSWER = -1;

  /**
   * One call. {@code status} is the HTTP status ({@link #NO_ANSWER} without one; 0 for an import);
   * {@code outcome} is the import's outcome or the type of the problem answered.
   */
  record Call(
      int client,
      int step,
      int person,
      Action action,
      String email,
      UUID userId,
      String ifMatch,
      String firstName,
      int status,
      Long version,
      String outcome,
      long startedMillis,
      long tookMillis) {

    boolean succeeded() {
      return action == Action.IMPORT ? "IMPORTED".equals(outcome) : status >= 200 && status < 300;
    }

    /** A server error or no answer: the change may or may not have been made. */
    boolean uncertain() {
      return status == NO_ANSWER
          || status >= 500
          || (action == Action.IMPORT && "FAILED".equals(outcome));
    }

    String describe() {
      StringBuilder s =
          new StringBuilder("c")
              .append(client)
              .append('#')
              .append(step)
              .append(" @")
              .append(startedMillis)
              .append("ms ")
              .append(action)
              .append(" p")
              .append(person);
      if (email != null) {
        s.append(" '").append(email).append('\'');
      }
      if (userId != null) {
        s.append(" u=").append(userId.toString(), 0, 8);
      }
      if (ifMatch != null) {
        s.append(" If-Match:").append(ifMatch);
      }
      if (firstName != null) {
        s.append(' ').append(firstName);
      }
      s.append(" ->");
      if (action != Action.IMPORT) {
        s.append(' ').append(status);
      }
      if (version != null) {
        s.append(" v").append(version);
      }
      if (outcome != null) {
        s.append(' ').append(outcome);
      }
      return s.append(" (").append(tookMillis).append(" ms)").toString();
    }
  }

  private final long startedNanos = System.nanoTime();
  private final List<Call> calls = new ArrayList<>();

  long sinceStartMillis() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  synchronized void add(Call call) {
    calls.add(call);
  }

  synchronized List<Call> calls() {
    return calls.stream().sorted(Comparator.comparingLong(Call::startedMillis)).toList();
  }

  String describe() {
    return calls().stream().map(Call::describe).collect(Collectors.joining("\n    ", "    ", ""));
  }
}
