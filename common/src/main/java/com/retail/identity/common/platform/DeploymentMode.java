package com.retail.identity.common.platform;

/**
 * Where a service runs. Local-only conveniences (SMS outbox, seeded admin) refuse to start
 * elsewhere.
 */
public enum DeploymentMode {
  LOCAL,
  TEST,
  PRODUCTION;

  public boolean isLocal() {
    return this == LOCAL;
  }

  public boolean isProduction() {
    return this == PRODUCTION;
  }
}
