package com.retail.identity.query.core;

import com.retail.identity.readmodel.core.Country;
import com.retail.identity.readmodel.core.ReferenceStore;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The country list with a short in-process cache: the list changes a few times a year and every
 * registration form asks for it. When the store cannot answer, the last list keeps being served.
 */
public final class CountryCatalog {
  private final ReferenceStore store;
  private final IntSupplier cacheSeconds;
  private final LongSupplier nanoTime;
  private volatile List<Country> cached;
  private volatile long fetchedAt;

  public CountryCatalog(ReferenceStore store, IntSupplier cacheSeconds, LongSupplier nanoTime) {
    this.store = store;
    this.cacheSeconds = cacheSeconds;
    this.nanoTime = nanoTime;
  }

  /**
   * @throws ReadModelUnavailable when the store cannot answer and nothing is cached, or holds no
   *     countries
   */
  public List<Country> countries() {
    List<Country> current = cached;
    if (current != null
        && nanoTime.getAsLong() - fetchedAt < cacheSeconds.getAsInt() * 1_000_000_000L) {
      return current;
    }
    try {
      List<Country> fresh = store.countries();
      if (fresh.isEmpty()) {
        if (current != null) {
          return current;
        }
        throw new ReadModelUnavailable("the country list is not loaded", null);
      }
      cached = List.copyOf(fresh);
      fetchedAt = nanoTime.getAsLong();
      return cached;
    } catch (RuntimeException e) {
      if (current != null) {
        return current;
      }
      throw e instanceof ReadModelUnavailable r
          ? r
          : new ReadModelUnavailable("reference data unavailable", e);
    }
  }
}
