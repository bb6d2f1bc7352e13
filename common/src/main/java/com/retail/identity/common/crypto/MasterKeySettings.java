package com.retail.identity.common.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/**
 * The master key that wraps per-user data keys. This build reads it from configuration (from the
 * instance's secrets at boot in production); a KMS-backed {@link MasterKey} plugs in behind the
 * same interface.
 */
public class MasterKeySettings {
  /** The key shipped in the local configuration; production refuses to start with it. */
  public static final String LOCAL_KEY = "bG9jYWwtb25seS1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

  @JsonProperty @NotEmpty private String id = "local-1";

  /** Base64 of 32 bytes. */
  @JsonProperty private String key;

  public String getId() {
    return id;
  }

  public String getKey() {
    return key;
  }

  public MasterKey build() {
    return new LocalMasterKey(id, key);
  }

  @Override
  public String toString() {
    return "MasterKeySettings[id=" + id + "]";
  }
}
