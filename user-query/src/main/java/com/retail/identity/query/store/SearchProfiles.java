package com.retail.identity.query.store;

import static com.retail.identity.readmodel.store.SearchRequest.failure;
import static com.retail.identity.readmodel.store.SearchRequest.readTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.query.core.ProfileIndex;
import com.retail.identity.query.core.ReadModelUnavailable;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.store.ReadModelJson;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import com.retail.identity.readmodel.store.SearchRequest;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads profile documents from OpenSearch/Elasticsearch, through Jest, always through the alias
 * {@code <prefix>-profiles} (the projector's {@link SearchProfileWriter} fills the index behind
 * it).
 */
public final class SearchProfiles implements ProfileIndex {
  static final String GET_COMMAND = "profile-search-get";
  static final String SEARCH_COMMAND = "user-search";

  private final JestClient client;
  private final String alias;

  public SearchProfiles(SearchConnector search) {
    this.client = search.client();
    this.alias = SearchProfileWriter.aliasOf(search.indexPrefix());
  }

  @Override
  public Optional<Profile> find(UUID userId) {
    return StoreCommand.execute(
        GET_COMMAND,
        500,
        () -> {
          JestResult result =
              SearchRequest.send(client, SearchRequest.get("/" + alias + "/_doc/" + userId));
          if (result.getResponseCode() == 404) {
            return Optional.<Profile>empty();
          }
          if (!result.isSucceeded()) {
            throw failure("get", result);
          }
          JsonNode doc = readTree(result.getJsonString());
          return doc.path("found").asBoolean(false)
              ? Optional.of(ReadModelJson.JSON.treeToValue(doc.path("_source"), Profile.class))
              : Optional.<Profile>empty();
        },
        reason -> Optional.empty());
  }

  @Override
  public UserHits search(UserQuery query) {
    Object[] failure = new Object[1];
    UserHits hits =
        StoreCommand.execute(
            SEARCH_COMMAND,
            2000,
            () -> {
              JestResult result =
                  SearchRequest.send(
                      client,
                      SearchRequest.post(
                          "/" + alias + "/_search", SearchQueries.body(query).toString()));
              if (!result.isSucceeded()) {
                throw failure("search", result);
              }
              return SearchQueries.hits(readTree(result.getJsonString()));
            },
            reason -> {
              failure[0] = reason;
              return null;
            });
    if (hits == null) {
      Throwable reason = failure[0] instanceof Throwable t ? t : null;
      throw new ReadModelUnavailable(
          "search is unavailable: " + (reason == null ? "failed" : reason.getMessage()), reason);
    }
    return hits;
  }
}
