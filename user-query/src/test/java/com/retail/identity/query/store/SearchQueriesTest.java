package com.retail.identity.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.store.ReadModelJson;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The search DSL the adapter sends, and what it reads back. */
class SearchQueriesTest {
  @Test
  void givenANamePrefixWithFilters_thenAsYouTypeMatchingFilteredAndSortedToATieBreaker() {
    UserQuery query =
        new UserQuery(
            UserQuery.Match.NAME_PREFIX,
            "gra hop",
            "US",
            true,
            10,
            new UserQuery.Page.After(List.of(2.5, 1700000000000L, "abc")));

    JsonNode body = SearchQueries.body(query);

    JsonNode multi = body.at("/query/bool/must/0/multi_match");
    assertThat(multi.path("type").asText()).isEqualTo("bool_prefix");
    assertThat(multi.path("query").asText()).isEqualTo("gra hop");
    assertThat(body.at("/query/bool/filter/0/term/country").asText()).isEqualTo("US");
    assertThat(body.at("/query/bool/filter/1/term/phoneVerified").asBoolean()).isTrue();
    assertThat(body.path("sort").toString())
        .isEqualTo("[{\"_score\":\"desc\"},{\"createdAt\":\"desc\"},{\"userId\":\"asc\"}]");
    assertThat(body.path("search_after").toString()).isEqualTo("[2.5,1700000000000,\"abc\"]");
    assertThat(body.has("from")).isFalse();
    assertThat(body.path("size").asInt()).isEqualTo(10);
  }

  @Test
  void givenAnEmail_thenAnExactTermAndNewestFirst() {
    JsonNode body =
        SearchQueries.body(
            new UserQuery(
                UserQuery.Match.EMAIL,
                "g@example.com",
                null,
                null,
                20,
                new UserQuery.Page.Offset(40)));

    assertThat(body.at("/query/bool/must/0/term/email").asText()).isEqualTo("g@example.com");
    assertThat(body.path("sort").toString())
        .isEqualTo("[{\"createdAt\":\"desc\"},{\"userId\":\"asc\"}]");
    assertThat(body.path("from").asInt()).isEqualTo(40);
  }

  @Test
  void givenAnAnswer_thenProfilesTotalAndTheLastSortValuesAreRead() throws Exception {
    UUID id = UUID.randomUUID();
    JsonNode answer =
        ReadModelJson.JSON.readTree(
            "{\"hits\":{\"total\":{\"value\":10000,\"relation\":\"gte\"},"
                + "\"hits\":[{\"_source\":{\"userId\":\""
                + id
                + "\",\"firstName\":\"Grace\",\"createdAt\":\"2027-01-01T00:00:00Z\","
                + "\"version\":4,\"phoneVerified\":false},\"sort\":[1798761600000,\""
                + id
                + "\"]}]}}");

    UserHits hits = SearchQueries.hits(answer);

    assertThat(hits.hits())
        .extracting(Profile::userId, Profile::version, Profile::createdAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(id, 4L, Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(hits.total()).isEqualTo(10000);
    assertThat(hits.totalExact()).isFalse();
    assertThat(hits.lastSortValues()).containsExactly(1798761600000L, id.toString());
  }

  @Test
  void givenAProfile_thenTheSearchDocumentAddsTheFullNameAndHoldsNoSecret() throws Exception {
    Profile p =
        new Profile(
            UUID.randomUUID(),
            "g@example.com",
            "Grace",
            "Hopper",
            "+14155550100",
            true,
            false,
            "US",
            "en-US",
            Instant.parse("2027-01-01T00:00:00Z"),
            3);

    JsonNode doc = ReadModelJson.JSON.readTree(SearchProfileWriter.document(p));

    assertThat(doc.path("name").asText()).isEqualTo("Grace Hopper");
    assertThat(doc.path("createdAt").asText()).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(iterable(doc.fieldNames()))
        .containsExactlyInAnyOrder(
            "userId",
            "email",
            "firstName",
            "lastName",
            "phone",
            "phoneVerified",
            "emailVerified",
            "country",
            "locale",
            "createdAt",
            "version",
            "name");
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
