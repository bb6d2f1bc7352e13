package com.retail.identity.query.store;

import static com.retail.identity.readmodel.store.SearchRequest.failure;
import static com.retail.identity.readmodel.store.SearchRequest.readTree;

import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.query.core.ProfileIndex;
import com.retail.identity.query.core.ReadModelUnavailable;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import com.retail.identity.readmodel.store.SearchRequest;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;

/**
 * Searches profile documents in OpenSearch/Elasticsearch, through Jest, always through the alias
 * {@code <prefix>-profiles} (the projector's {@link SearchProfileWriter} fills the index behind
 * it), and answers the ids of the accounts that match.
 */
public final class SearchProfiles implements ProfileIndex {
  static final String SEARCH_COMMAND = "user-search";

  private final JestClient client;
  private final String alias;
  private final SearchTerms terms;

  public SearchProfiles(SearchConnector search, SearchTerms terms) {
    this.client = search.client();
    this.alias = SearchProfileWriter.aliasOf(search.indexPrefix());
    this.terms = terms;
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
                          "/" + alias + "/_search", SearchQueries.body(query, terms).toString()));
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
