package com.retail.identity.query.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The opaque {@code nextPage} token of a search: the last hit's sort values, bound to the query it
 * came from, so it cannot be replayed against another query and silently skip hits.
 */
public final class PageCursor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LENGTH = 1024;
  private static final int MAX_SORT_TEXT = 64;

  private PageCursor() {}

  public static String encode(UserQuery query, List<Object> sortValues) {
    ObjectNode node = JSON.createObjectNode();
    node.put("q", fingerprint(query));
    ArrayNode after = node.putArray("a");
    sortValues.forEach(v -> after.add(JSON.valueToTree(v)));
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a page cursor", e);
    }
  }

  /** The sort values to continue after, or empty when the token is not a cursor of this query. */
  public static Optional<List<Object>> decode(String token, UserQuery query) {
    if (token == null || token.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(token));
      if (node == null
          || !node.path("q").asText("").equals(fingerprint(query))
          || !node.path("a").isArray()) {
        return Optional.empty();
      }
      // The fingerprint is no secret, so the values are checked against the sort they continue
      // (createdAt, userId): the index must never see a value it cannot parse.
      JsonNode after = node.path("a");
      if (after.size() != 2) {
        return Optional.empty();
      }
      List<Object> values = new ArrayList<>();
      int i = 0;
      JsonNode createdAt = after.get(i++);
      JsonNode userId = after.get(i);
      if (!createdAt.isIntegralNumber()
          || !createdAt.canConvertToLong()
          || !userId.isTextual()
          || userId.asText().length() > MAX_SORT_TEXT) {
        return Optional.empty();
      }
      values.add(createdAt.asLong());
      values.add(userId.asText());
      return Optional.of(values);
    } catch (IllegalArgumentException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Stable across instances (names and strings only, no identity hash codes): any instance
   * continues any cursor.
   */
  private static String fingerprint(UserQuery query) {
    return Integer.toHexString(
        Objects.hash(
            query.match().name(),
            query.text(),
            query.country(),
            String.valueOf(query.phoneVerified()),
            query.size()));
  }
}
