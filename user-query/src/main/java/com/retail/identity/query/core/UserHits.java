package com.retail.identity.query.core;

import com.retail.identity.readmodel.core.Profile;
import java.util.List;

/**
 * One page of search hits. {@code total} is exact when {@code totalExact}, otherwise a lower bound;
 * {@code lastSortValues} (null on the last page) continue the search after this page.
 */
public record UserHits(
    List<Profile> hits, long total, boolean totalExact, List<Object> lastSortValues) {}
