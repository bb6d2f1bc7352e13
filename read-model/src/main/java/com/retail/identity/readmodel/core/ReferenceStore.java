package com.retail.identity.readmodel.core;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reference data as every service reads it (port; Redis in the platform). Each replace swaps the
 * whole set at once, so readers never see half a list.
 */
public interface ReferenceStore {
  void replaceCountries(List<Country> countries);

  void replaceDisposableEmailDomains(Set<String> domains);

  /** Launch definitions: launch id -> its JSON document. */
  void replaceLaunches(Map<String, String> launches);

  /** True when every reference set is present. */
  boolean isLoaded();

  List<Country> countries();
}
