package com.retail.identity.query.core;

/** Admin search: validates the parameters, asks the index, and names the next page. */
public final class SearchUsers {
  /** A page of hits and the token of the next page (null on the last page). */
  public record Result(UserHits hits, String nextPage) {}

  private final ProfileIndex index;

  public SearchUsers(ProfileIndex index) {
    this.index = index;
  }

  /**
   * @throws com.retail.identity.common.domain.InvalidInput naming each bad parameter
   * @throws ReadModelUnavailable when the search store cannot answer
   */
  public Result search(String q, String country, String verified, String page, String size) {
    UserQuery query = UserQueryParser.parse(q, country, verified, page, size);
    UserHits hits = index.search(query);
    String next =
        hits.hits().size() == query.size() && hits.lastSortValues() != null
            ? PageCursor.encode(query, hits.lastSortValues())
            : null;
    return new Result(hits, next);
  }
}
