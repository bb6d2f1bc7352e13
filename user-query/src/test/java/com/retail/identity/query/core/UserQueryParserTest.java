package com.retail.identity.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserQueryParserTest {
  private static List<String> badFields(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInput e) {
      return e.violations().stream().map(FieldViolation::field).toList();
    }
    throw new AssertionError("expected an invalid input");
  }

  @Test
  void givenNoParameters_thenEveryoneNewestFirstTwentyAtATime() {
    UserQuery q = UserQueryParser.parse(null, null, null, null, null);

    assertThat(q.match()).isEqualTo(UserQuery.Match.ALL);
    assertThat(q.size()).isEqualTo(20);
    assertThat(q.page()).isInstanceOf(UserQuery.Page.First.class);
  }

  @Test
  void givenText_thenEmailsPhonesAndNamesAreTold() {
    assertThat(UserQueryParser.parse("Grace@Example.COM", null, null, null, null))
        .extracting(UserQuery::match, UserQuery::text)
        .containsExactly(UserQuery.Match.EMAIL, "grace@example.com");
    assertThat(UserQueryParser.parse("+1 (415) 555-0100", null, null, null, null))
        .extracting(UserQuery::match, UserQuery::text)
        .containsExactly(UserQuery.Match.PHONE, "+14155550100");
    assertThat(UserQueryParser.parse("0044 20 7123 4567", null, null, null, null).text())
        .isEqualTo("+442071234567");
    assertThat(UserQueryParser.parse("  gra   hop ", null, null, null, null))
        .extracting(UserQuery::match, UserQuery::text)
        .containsExactly(UserQuery.Match.NAME_PREFIX, "gra hop");
  }

  @Test
  void givenFilters_thenCountryIsUpperCasedAndVerifiedIsABoolean() {
    UserQuery q = UserQueryParser.parse(null, "gb", "TRUE", null, "100");

    assertThat(q.country()).isEqualTo("GB");
    assertThat(q.phoneVerified()).isTrue();
    assertThat(q.size()).isEqualTo(100);
  }

  @Test
  void givenMalformedParameters_thenOne400NamesEveryBadField() {
    assertThat(badFields(() -> UserQueryParser.parse("a@", "XX", "yes", "abc", "101")))
        .containsExactlyInAnyOrder("q", "country", "verified", "size");
    assertThat(badFields(() -> UserQueryParser.parse(null, null, null, "not-a-cursor", null)))
        .containsExactly("page");
    assertThat(badFields(() -> UserQueryParser.parse(null, null, null, null, "0")))
        .containsExactly("size");
    assertThat(badFields(() -> UserQueryParser.parse(null, null, null, null, "-5")))
        .containsExactly("size");
    assertThat(badFields(() -> UserQueryParser.parse("x".repeat(101), null, null, null, null)))
        .containsExactly("q");
  }

  @Test
  void givenNumberedPages_thenOnlyTheFirstThousandHitsAreReachable() {
    assertThat(UserQueryParser.parse(null, null, null, "10", "100").page())
        .isEqualTo(new UserQuery.Page.Offset(900));
    assertThat(UserQueryParser.parse(null, null, null, "1", "100").page())
        .isInstanceOf(UserQuery.Page.First.class);
    assertThat(badFields(() -> UserQueryParser.parse(null, null, null, "11", "100")))
        .containsExactly("page");
    assertThat(badFields(() -> UserQueryParser.parse(null, null, null, "0", null)))
        .containsExactly("page");
  }

  @Test
  void givenTheNextPageTokenOfTheSameSearch_thenItContinuesAfterTheLastHit() {
    UserQuery first = UserQueryParser.parse("gra", "US", null, null, "10");
    String token = PageCursor.encode(first, List.of(1700000000000L, "user-id"));

    UserQuery next = UserQueryParser.parse("gra", "US", null, token, "10");

    assertThat(next.page()).isEqualTo(new UserQuery.Page.After(List.of(1700000000000L, "user-id")));
    assertThatThrownBy(() -> UserQueryParser.parse("ada", "US", null, token, "10"))
        .as("a token of another search")
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void givenATokenOfTheSameSearchWithSortValuesTheIndexCannotParse_thenThePageIsInvalid() {
    UserQuery byName = UserQueryParser.parse("gra", null, null, null, "10");
    UserQuery all = UserQueryParser.parse(null, null, null, null, "10");

    for (List<Object> forged :
        List.<List<Object>>of(
            List.of("x", "id"),
            List.of("yesterday", "id"),
            List.of(1L, 7L),
            List.of(1L),
            List.of(1L, "id", "extra"),
            List.of(1e300, "id"),
            List.of(1.5, "id"),
            List.of(1L, "x".repeat(65)))) {
      assertThat(
              badFields(
                  () ->
                      UserQueryParser.parse(
                          "gra", null, null, PageCursor.encode(byName, forged), "10")))
          .as("%s", forged)
          .containsExactly("page");
    }
    assertThat(
            badFields(
                () ->
                    UserQueryParser.parse(
                        null, null, null, PageCursor.encode(all, List.of(1.0, 1L, "id")), "10")))
        .as("a score, which no search sorts on")
        .containsExactly("page");
    assertThat(
            UserQueryParser.parse(null, null, null, PageCursor.encode(all, List.of(1L, "id")), "10")
                .page())
        .isEqualTo(new UserQuery.Page.After(List.of(1L, "id")));
  }
}
