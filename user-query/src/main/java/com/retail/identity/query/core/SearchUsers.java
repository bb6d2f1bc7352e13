package com.retail.identity.query.core;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.readmodel.core.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admin search: validates the parameters, asks the index which accounts match, shows each from the
 * profile read (cache, else the stream: the index holds no personal data), and names the next page.
 * Each search is audited before any profile is read: what kind of term and filters it used and how
 * many accounts it found, never the term itself (it is personal data).
 */
public final class SearchUsers {
  /**
   * A page of profiles and the token of the next page (null on the last page). An account erased
   * between the index and the read is left out of the page.
   */
  public record Result(List<Profile> profiles, UserHits hits, String nextPage) {}

  private final ProfileIndex index;
  private final ReadProfile profiles;
  private final Auditor auditor;

  public SearchUsers(ProfileIndex index, ReadProfile profiles, Auditor auditor) {
    this.index = index;
    this.profiles = profiles;
    this.auditor = auditor;
  }

  /**
   * @throws com.retail.identity.common.domain.InvalidInput naming each bad parameter
   * @throws ReadModelUnavailable when the search store cannot answer
   */
  public Result search(
      Acting acting, String q, String country, String verified, String page, String size) {
    UserQuery query = UserQueryParser.parse(q, country, verified, page, size);
    UserHits hits = index.search(query);
    auditor.record(acting, AuditAction.SEARCH_USERS, null, described(query, hits));
    String next =
        hits.userIds().size() == query.size() && hits.lastSortValues() != null
            ? PageCursor.encode(query, hits.lastSortValues())
            : null;
    List<Profile> shown = new ArrayList<>(hits.userIds().size());
    for (UUID userId : hits.userIds()) {
      try {
        shown.add(profiles.read(userId, 0).profile());
      } catch (NotFound erasedMeanwhile) {
        // the index has not seen the erasure yet
      }
    }
    return new Result(shown, hits, next);
  }

  /** What the audit keeps of a search: its shape, not its values. */
  static String described(UserQuery query, UserHits hits) {
    StringBuilder detail = new StringBuilder("match=").append(query.match().name().toLowerCase());
    if (query.country() != null) {
      detail.append(" country=").append(query.country());
    }
    if (query.phoneVerified() != null) {
      detail.append(" verified=").append(query.phoneVerified());
    }
    return detail.append(" shown=").append(hits.userIds().size()).toString();
  }
}
