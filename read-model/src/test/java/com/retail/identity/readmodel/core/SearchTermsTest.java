package com.retail.identity.readmodel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
  private final SearchTerms terms =
      new SearchTerms("a-search-key-of-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));

  @Test
  void givenAnEmailInAnotherCaseOrWidth_whenHashed_thenItIsTheSameTermAndNotTheAddress() {
    String term = terms.email("grace.hopper@example.com");

    assertThat(terms.email("  GRACE.Hopper@EXAMPLE.com ")).isEqualTo(term);
    assertThat(terms.email("ｇrace.hopper@example.com")).as("full-width g").isEqualTo(term);
    assertThat(terms.email("grace.hoper@example.com")).isNotEqualTo(term);
    assertThat(term).doesNotContain("grace").hasSize(22);
  }

  @Test
  void givenAnotherKey_whenHashed_thenTheTermsDiffer() {
    SearchTerms other =
        new SearchTerms("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8));

    assertThat(other.email("grace@example.com")).isNotEqualTo(terms.email("grace@example.com"));
    assertThat(other.phone("+14155550100")).isNotEqualTo(terms.phone("+14155550100"));
  }

  @Test
  void givenTheSameTextForTwoPurposes_whenHashed_thenTheTermsDiffer() {
    assertThat(terms.typedName("grace")).doesNotContain(terms.email("grace"));
  }

  @Test
  void givenNames_whenTypedAsPrefixesInAnyCaseOrAccent_thenEachTypedWordIsOneOfTheirTerms() {
    var indexed = terms.namePrefixes("Grâce", "Hopper-Smith");

    assertThat(indexed).containsAll(terms.typedName("grace hop"));
    assertThat(indexed).containsAll(terms.typedName("G SMI"));
    assertThat(indexed).containsAll(terms.typedName("hopper"));
    assertThat(indexed).doesNotContainAnyElementsOf(terms.typedName("race"));
    assertThat(indexed).doesNotContainAnyElementsOf(terms.typedName("hoppers"));
  }

  @Test
  void givenAWordLongerThanTheIndexedPrefixes_whenTyped_thenItStillMatchesOnItsFirstLetters() {
    String longName = "Wolfeschlegelsteinhausenbergerdorff";

    assertThat(terms.namePrefixes(longName, null)).hasSize(SearchTerms.MAX_PREFIX);
    assertThat(terms.namePrefixes(longName, null)).containsAll(terms.typedName(longName));
  }

  @Test
  void givenNoWords_whenHashed_thenThereAreNoTerms() {
    assertThat(terms.namePrefixes(null, " ")).isEmpty();
    assertThat(terms.typedName("-- ..")).isEmpty();
  }

  @Test
  void givenAShortKey_whenBuilt_thenItIsRefused() {
    assertThatThrownBy(() -> new SearchTerms(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
