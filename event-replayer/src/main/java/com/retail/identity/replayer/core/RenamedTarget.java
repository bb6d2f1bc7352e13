package com.retail.identity.replayer.core;

import com.retail.identity.readmodel.core.ProfileChange;
import com.retail.identity.readmodel.core.ProjectionTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A read model under another projection name: a rebuild keeps its own checkpoint and lease beside
 * the live one.
 */
public final class RenamedTarget implements ProjectionTarget {
  private final ProjectionTarget target;
  private final String name;

  public RenamedTarget(ProjectionTarget target, String name) {
    this.target = target;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void prepare() {
    target.prepare();
  }

  @Override
  public Map<UUID, Long> versions(Set<UUID> userIds) {
    return target.versions(userIds);
  }

  @Override
  public Map<UUID, Outcome> apply(List<ProfileChange> changes) {
    return target.apply(changes);
  }
}
