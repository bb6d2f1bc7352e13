package com.retail.identity.replayer.core;

import com.retail.identity.readmodel.core.ProjectionTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The profile indices behind the search alias, as a rebuild handles them (port). */
public interface SearchIndexes {
  /** The alias that reads (and the live projector's writes) go through. */
  String alias();

  /**
   * The profile read model written into {@code index}, under the projection name {@code
   * projection}.
   */
  ProjectionTarget writerInto(String index, String projection);

  /**
   * No refreshes while the index fills: nobody searches it before the swap, and segments merge
   * less.
   */
  void pauseRefresh(String index);

  /**
   * The configured refresh interval again, and one refresh now, so every document is searchable.
   */
  void resumeRefresh(String index);

  /** Points the alias at {@code index} only, in one atomic change; returns the indices it left. */
  List<String> pointAliasAt(String index);

  /** Every index of the alias's family ({@code <alias>-*}) and when it was created. */
  Map<String, Instant> family();

  /** The indices the alias points at now. */
  Set<String> aliasTargets();

  void delete(String index);
}
