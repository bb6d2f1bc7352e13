package com.retail.identity.query.core;

import java.util.List;

/**
 * An admin search, validated: what to match, filters, and which page. Deep pages continue after the
 * last hit's sort values ({@code search_after}); numbered pages only reach the first {@link
 * #MAX_OFFSET_RESULTS} hits.
 */
public record UserQuery(
    Match match, String text, String country, Boolean phoneVerified, int size, Page page) {
  public static final int MAX_SIZE = 100;
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_OFFSET_RESULTS = 1000;

  public enum Match {
    /** No text: everyone matching the filters, newest first. */
    ALL,
    /** Name prefix, as you type: "grace hop" finds Grace Hopper. */
    NAME_PREFIX,
    /** Exact email (case-insensitive). */
    EMAIL,
    /** Exact phone (E.164). */
    PHONE
  }

  /** Which page: the first, a numbered one (shallow), or the one after a cursor (deep). */
  public sealed interface Page {
    record First() implements Page {}

    record Offset(int from) implements Page {}

    record After(List<Object> sortValues) implements Page {}
  }
}
