package com.retail.identity.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of an admin search. {@code total} is exact when {@code totalRelation} is {@code eq}, a
 * lower bound when {@code gte}; {@code nextPage}, absent on the last page, is the {@code page}
 * value that continues the search.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserSearchResponse(
    List<ProfileView> items, int size, long total, String totalRelation, String nextPage) {}
