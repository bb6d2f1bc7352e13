package com.retail.identity.query.core;

import java.util.List;
import java.util.UUID;

/**
 * One page of search hits: the ids of the matching accounts, best first (the index holds no
 * personal data to show). {@code total} is exact when {@code totalExact}, otherwise a lower bound;
 * {@code lastSortValues} (null on the last page) continue the search after this page.
 */
public record UserHits(
    List<UUID> userIds, long total, boolean totalExact, List<Object> lastSortValues) {}
