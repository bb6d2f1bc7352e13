package com.retail.identity.query.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.store.ReadModelJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The search DSL of an admin search, and the reading of its answer. Sorting always ends on the
 * unique {@code userId}, so {@code search_after} pages neither repeat nor skip a hit.
 */
final class SearchQueries {
  private SearchQueries() {}

  static ObjectNode body(UserQuery query) {
    ObjectNode body = ReadModelJson.JSON.createObjectNode();
    body.put("size", query.size());
    body.put("track_total_hits", UserQuery.MAX_OFFSET_RESULTS * 10);
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode must = bool.putArray("must");
    switch (query.match()) {
      case ALL -> must.addObject().putObject("match_all");
      case NAME_PREFIX -> {
        // search_as_you_type: every word must match, the last one as a prefix ("grace hop" finds
        // Grace Hopper).
        ObjectNode multi = must.addObject().putObject("multi_match");
        multi.put("query", query.text());
        multi.put("type", "bool_prefix");
        multi.put("operator", "and");
        multi.putArray("fields").add("name").add("name._2gram").add("name._3gram");
      }
      case EMAIL -> must.addObject().putObject("term").put("email", query.text());
      case PHONE -> must.addObject().putObject("term").put("phone", query.text());
    }
    ArrayNode filter = bool.putArray("filter");
    if (query.country() != null) {
      filter.addObject().putObject("term").put("country", query.country());
    }
    if (query.phoneVerified() != null) {
      filter.addObject().putObject("term").put("phoneVerified", query.phoneVerified());
    }
    ArrayNode sort = body.putArray("sort");
    if (query.match() == UserQuery.Match.NAME_PREFIX) {
      sort.addObject().put("_score", "desc");
    }
    sort.addObject().put("createdAt", "desc");
    sort.addObject().put("userId", "asc");
    if (query.page() instanceof UserQuery.Page.Offset offset) {
      body.put("from", offset.from());
    } else if (query.page() instanceof UserQuery.Page.After after) {
      ArrayNode values = body.putArray("search_after");
      after.sortValues().forEach(v -> values.add(ReadModelJson.JSON.valueToTree(v)));
    }
    body.putObject("_source").putArray("excludes").add("name");
    return body;
  }

  static UserHits hits(JsonNode answer) throws JsonProcessingException {
    JsonNode hits = answer.path("hits");
    List<Profile> profiles = new ArrayList<>();
    List<Object> lastSort = null;
    for (JsonNode hit : hits.path("hits")) {
      profiles.add(ReadModelJson.JSON.treeToValue(hit.path("_source"), Profile.class));
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
    return new UserHits(profiles, count, exact, lastSort);
  }
}
