package com.retail.identity.query.core;

/** The search index as admin search sees it (port): it finds accounts, it does not show them. */
public interface ProfileIndex {
  /**
   * @throws ReadModelUnavailable when the index cannot answer
   */
  UserHits search(UserQuery query);
}
