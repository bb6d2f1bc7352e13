package com.retail.identity.common.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master keys of a deployment: the active one wraps every new data key; retired ones still
 * unwrap the data keys they wrapped, until {@code rewrap-keys} has rewrapped those to the active
 * key (ADR 0002). A data key names its master key, so rotation is: configure a new active key (the
 * old one retired), roll the services, run the rewrap, then drop the retired key.
 */
public final class MasterKeyRing {
  private final MasterKey active;
  private final Map<String, MasterKey> byId = new LinkedHashMap<>();

  public MasterKeyRing(MasterKey active, List<MasterKey> retired) {
    this.active = active;
    byId.put(active.id(), active);
    for (MasterKey key : retired) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("master key id " + key.id() + " is configured twice");
      }
    }
  }

  public static MasterKeyRing of(MasterKey active) {
    return new MasterKeyRing(active, List.of());
  }

  public String activeId() {
    return active.id();
  }

  /** A new data key, wrapped by the active master key (whose id goes with it). */
  public byte[] wrap(byte[] dataKey) {
    return active.wrap(dataKey);
  }

  /**
   * @param masterKeyId the id stored with the wrapped key
   * @throws IllegalStateException when no configured key has that id
   */
  public byte[] unwrap(String masterKeyId, byte[] wrappedDataKey) {
    MasterKey key = byId.get(masterKeyId);
    if (key == null) {
      throw new IllegalStateException(
          "no master key "
              + masterKeyId
              + " is configured; keep a replaced key in masterKey.retired until rewrap-keys has run");
    }
    return key.unwrap(wrappedDataKey);
  }

  @Override
  public String toString() {
    return "MasterKeyRing[active=" + active.id() + ", all=" + byId.keySet() + "]";
  }
}
