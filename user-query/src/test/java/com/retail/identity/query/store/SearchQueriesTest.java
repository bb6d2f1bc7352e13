package com.retail.identity.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.ProfileIndexSettings;
import com.retail.identity.readmodel.store.ReadModelJson;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The search DSL the adapter sends, what it reads back, and that it matches what was written. */
class SearchQueriesTest {
  private final SearchTerms terms = new SearchTerms(new ProfileIndexSettings().searchKey());
  private final SearchProfileWriter writer =
      new SearchProfileWriter(null, "p-profiles", "p-profiles", "test", null, terms);

  private final Profile grace =
      new Profile(
          UUID.randomUUID(),
          "Grace.Hopper@example.com",
          "Grace",
          "Hopper",
          "+14155550100",
          true,
          false,
          "US",
          "en-US",
          Instant.parse("2027-01-01T00:00:00Z"),
          3);

  @Test
  void givenANamePrefixWithFilters_thenEveryTypedWordIsAHashedTermFilteredAndSortedToATieBreaker()
      throws Exception {
    UserQuery query =
        new UserQuery(
            UserQuery.Match.NAME_PREFIX,
            "gra hop",
            "US",
            true,
            10,
            new UserQuery.Page.After(List.of(1700000000000L, "abc")));

    JsonNode body = SearchQueries.body(query, terms);

    JsonNode document = ReadModelJson.JSON.readTree(writer.document(grace));
    List<String> indexed = texts(document.path("namePrefixes"));
    assertThat(body.at("/query/bool/must").size()).isEqualTo(2);
    assertThat(indexed)
        .contains(
            body.at("/query/bool/must/0/term/namePrefixes").asText(),
            body.at("/query/bool/must/1/term/namePrefixes").asText());
    assertThat(body.toString()).doesNotContain("gra").doesNotContain("hop");
    assertThat(body.at("/query/bool/filter/0/term/country").asText()).isEqualTo("US");
    assertThat(body.at("/query/bool/filter/1/term/phoneVerified").asBoolean()).isTrue();
    assertThat(body.path("sort").toString())
        .isEqualTo("[{\"createdAt\":\"desc\"},{\"userId\":\"asc\"}]");
    assertThat(body.path("search_after").toString()).isEqualTo("[1700000000000,\"abc\"]");
    assertThat(body.path("_source").asBoolean(true)).isFalse();
    assertThat(body.has("from")).isFalse();
    assertThat(body.path("size").asInt()).isEqualTo(10);
  }

  @Test
  void givenAnEmailOrPhone_thenTheExactHashedTermOfTheDocumentAndNewestFirst() throws Exception {
    JsonNode document = ReadModelJson.JSON.readTree(writer.document(grace));

    JsonNode byEmail =
        SearchQueries.body(
            new UserQuery(
                UserQuery.Match.EMAIL,
                "grace.hopper@example.com",
                null,
                null,
                20,
                new UserQuery.Page.Offset(40)),
            terms);
    JsonNode byPhone =
        SearchQueries.body(
            new UserQuery(
                UserQuery.Match.PHONE, "+14155550100", null, null, 20, new UserQuery.Page.First()),
            terms);

    assertThat(byEmail.at("/query/bool/must/0/term/emailHash").asText())
        .isEqualTo(document.path("emailHash").asText());
    assertThat(byPhone.at("/query/bool/must/0/term/phoneHash").asText())
        .isEqualTo(document.path("phoneHash").asText());
    assertThat(byEmail.path("sort").toString())
        .isEqualTo("[{\"createdAt\":\"desc\"},{\"userId\":\"asc\"}]");
    assertThat(byEmail.path("from").asInt()).isEqualTo(40);
  }

  @Test
  void givenAnAnswer_thenTheIdsTotalAndTheLastSortValuesAreRead() throws Exception {
    UUID id = UUID.randomUUID();
    JsonNode answer =
        ReadModelJson.JSON.readTree(
            "{\"hits\":{\"total\":{\"value\":10000,\"relation\":\"gte\"},"
                + "\"hits\":[{\"_id\":\""
                + id
                + "\",\"sort\":[1798761600000,\""
                + id
                + "\"]}]}}");

    UserHits hits = SearchQueries.hits(answer);

    assertThat(hits.userIds()).containsExactly(id);
    assertThat(hits.total()).isEqualTo(10000);
    assertThat(hits.totalExact()).isFalse();
    assertThat(hits.lastSortValues()).containsExactly(1798761600000L, id.toString());
  }

  @Test
  void givenAProfile_thenTheSearchDocumentHoldsNoPersonalDataInTheClear() throws Exception {
    JsonNode doc = ReadModelJson.JSON.readTree(writer.document(grace));

    assertThat(doc.path("createdAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(iterable(doc.fieldNames()))
        .containsExactlyInAnyOrder(
            "userId",
            "emailHash",
            "phoneHash",
            "namePrefixes",
            "phoneVerified",
            "emailVerified",
            "country",
            "createdAt",
            "version");
    assertThat(doc.toString().toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("grace")
        .doesNotContain("hopper")
        .doesNotContain("example.com")
        .doesNotContain("4155550100");
  }

  private static List<String> texts(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(value -> list.add(value.asText()));
    return list;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
