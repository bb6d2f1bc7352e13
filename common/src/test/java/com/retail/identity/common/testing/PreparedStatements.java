package com.retail.identity.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.PreparedStatement;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Cassandra adapters prepared, read from their fields, and the rule every one must keep: the
 * driver sends a statement to the next node when its coordinator dies only if the statement says it
 * is idempotent (ADR 0008). A statement safe to run twice must say so; a conditional write (a
 * second run would answer "not applied" for a write the first one made) or a self-referencing
 * update must not, but for the conditional ones named as safe.
 */
public final class PreparedStatements {
  private static final Pattern CONDITIONAL = Pattern.compile("\\bIF\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELF_REFERENCING =
      Pattern.compile("\\bSET\\s+(\\w+)\\s*=\\s*\\1\\s*[+-]", Pattern.CASE_INSENSITIVE);

  /** One prepared statement: {@code Adapter.field}, its CQL, and what it says of itself. */
  public record Prepared(String name, String cql, Boolean idempotent) {}

  private PreparedStatements() {}

  /** Every statement the given adapters hold in their fields. */
  public static List<Prepared> of(List<Object> stores) throws IllegalAccessException {
    List<Prepared> prepared = new ArrayList<>();
    for (Object store : stores) {
      for (Field field : store.getClass().getDeclaredFields()) {
        if (PreparedStatement.class.isAssignableFrom(field.getType())) {
          field.setAccessible(true);
          PreparedStatement statement = (PreparedStatement) field.get(store);
          prepared.add(
              new Prepared(
                  store.getClass().getSimpleName() + "." + field.getName(),
                  statement.getQueryString(),
                  statement.isIdempotent()));
        }
      }
    }
    return prepared;
  }

  /**
   * Plain reads and writes are idempotent; conditional and self-referencing writes are not, but for
   * {@code conditionalButSafe} ({@code Adapter.field} names).
   */
  public static void assertRetriedExactlyWhenSafe(
      List<Prepared> prepared, Set<String> conditionalButSafe) {
    for (Prepared statement : prepared) {
      boolean safeTwice =
          conditionalButSafe.contains(statement.name())
              || !(CONDITIONAL.matcher(statement.cql()).find()
                  || SELF_REFERENCING.matcher(statement.cql()).find());
      if (safeTwice) {
        assertThat(statement.idempotent())
            .as("%s is idempotent: %s", statement.name(), statement.cql())
            .isTrue();
      } else {
        assertThat(statement.idempotent())
            .as("%s is not idempotent: %s", statement.name(), statement.cql())
            .isNotEqualTo(Boolean.TRUE);
      }
    }
  }
}
