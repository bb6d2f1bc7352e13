package com.retail.identity.query.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.ReadModelJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The search DSL of an admin search, and the reading of its answer. What is matched is hashed with
 * the search key first, as the projector hashed the documents ({@link SearchTerms}). Sorting is
 * newest first and always ends on the unique {@code userId}, so {@code search_after} pages neither
 * repeat nor skip a hit.
 */
final class SearchQueries {
  private SearchQueries() {}

  static ObjectNode body(UserQuery query, SearchTerms terms) {
    ObjectNode body = ReadModelJson.JSON.createObjectNode();
    body.put("size", query.size());
    body.put("track_total_hits", UserQuery.MAX_OFFSET_RESULTS * 10);
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode must = bool.putArray("must");
    switch (query.match()) {
      case ALL -> must.addObject().putObject("match_all");
      case NAME_PREFIX -> {
        // Every typed word must begin a word of the names ("grace hop" finds Grace Hopper).
        List<String> words = terms.typedName(query.text());
        if (words.isEmpty()) {
          must.addObject().putObject("match_none");
        }
        words.forEach(word -> must.addObject().putObject("term").put("namePrefixes", word));
      }
      case EMAIL -> must.addObject().putObject("term").put("emailHash", terms.email(query.text()));
      case PHONE -> must.addObject().putObject("term").put("phoneHash", terms.phone(query.text()));
    }
    ArrayNode filter = bool.putArray("filter");
    if (query.country() != null) {
      filter.addObject().putObject("term").put("country", query.country());
    }
    if (query.phoneVerified() != null) {
      filter.addObject().putObject("term").put("phoneVerified", query.phoneVerified());
    }
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put("createdAt", "desc");
    sort.addObject().put("userId", "asc");
    if (query.page() instanceof UserQuery.Page.Offset offset) {
      body.put("from", offset.from());
    } else if (query.page() instanceof UserQuery.Page.After after) {
      ArrayNode values = body.putArray("search_after");
      after.sortValues().forEach(v -> values.add(ReadModelJson.JSON.valueToTree(v)));
    }
    body.put("_source", false);
    return body;
  }

  static UserHits hits(JsonNode answer) {
    JsonNode hits = answer.path("hits");
    List<UUID> userIds = new ArrayList<>();
    List<Object> lastSort = null;
    for (JsonNode hit : hits.path("hits")) {
      userIds.add(UUID.fromString(hit.path("_id").asText()));
      lastSort = new ArrayList<>();
      for (JsonNode value : hit.path("sort")) {
        lastSort.add(
            value.isTextual()
                ? value.asText()
                : value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble());
      }
    }
    JsonNode total = hits.path("total");
    long count = total.isNumber() ? total.asLong() : total.path("value").asLong();
    boolean exact = total.isNumber() || "eq".equals(total.path("relation").asText("eq"));
    return new UserHits(userIds, count, exact, lastSort);
  }
}
