package com.retail.identity.common.crypto;

import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.aws.AwsClients;
import com.retail.identity.common.aws.KmsMasterKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The master keys that wrap per-user data keys (ADR 0002): the active one ({@code id} with its
 * {@code key} material, or {@code kmsKeyId}, a key that never leaves AWS KMS) and {@code retired}
 * ones that still unwrap the data keys they wrapped until {@code rewrap-keys} has run.
 */
public class MasterKeySettings {
  /** The key shipped in the local configuration; production refuses to start with it. */
  public static final String LOCAL_KEY = "bG9jYWwtb25seS1tYXN0ZXIta2V5LTMyLWJ5dGVzISE=";

  @JsonProperty @NotEmpty private String id = "local-1";

  /** Base64 of 32 bytes; not used when {@code kmsKeyId} is set. */
  @JsonProperty private String key;

  /** A KMS key id, ARN or alias: the active master key (named {@code id}) is held by KMS. */
  @JsonProperty private String kmsKeyId;

  @JsonProperty @Valid @NotNull private Kms kms = new Kms();

  /** Keys replaced by the active one, kept until every data key they wrapped is rewrapped. */
  @JsonProperty @Valid @NotNull private List<Retired> retired = new ArrayList<>();

  /** Where KMS is: the region's public endpoint, or a configured one (a stub in tests). */
  public static class Kms {
    @JsonProperty private String endpoint = "";
    @JsonProperty private String region = "";

    /** Throwaway credentials for a local stub; never in production. */
    @JsonProperty private boolean stubCredentials;
  }

  /** A replaced master key: its id and its material or KMS key. */
  public static class Retired {
    @JsonProperty @NotEmpty private String id;
    @JsonProperty private String key;
    @JsonProperty private String kmsKeyId;

    public Retired() {}

    public Retired(String id, String key, String kmsKeyId) {
      this.id = id;
      this.key = key;
      this.kmsKeyId = kmsKeyId;
    }
  }

  public String getId() {
    return id;
  }

  public String getKey() {
    return key;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public boolean isKmsStub() {
    return kms.stubCredentials;
  }

  public void setActive(String id, String key, String kmsKeyId) {
    this.id = id;
    this.key = key;
    this.kmsKeyId = kmsKeyId;
  }

  public void setKms(String endpoint, String region, boolean stubCredentials) {
    kms.endpoint = endpoint;
    kms.region = region;
    kms.stubCredentials = stubCredentials;
  }

  public List<Retired> getRetired() {
    return retired;
  }

  /** Every configured key's material, for checks: each needs material or a KMS key. */
  public List<String> problems(boolean production) {
    List<String> problems = new ArrayList<>();
    check("masterKey", key, kmsKeyId, production, problems);
    for (Retired old : retired) {
      check("masterKey.retired[" + old.id + "]", old.key, old.kmsKeyId, production, problems);
    }
    if (production && kms.stubCredentials) {
      problems.add("masterKey.kms.stubCredentials is for a local stub; mode PRODUCTION refuses it");
    }
    return problems;
  }

  private static void check(
      String name, String key, String kmsKeyId, boolean production, List<String> problems) {
    if (kmsKeyId != null && !kmsKeyId.isBlank()) {
      return;
    }
    if (key == null || key.isBlank()) {
      problems.add(name + ".key must be set (base64 of 32 bytes), or " + name + ".kmsKeyId");
      return;
    }
    try {
      if (java.util.Base64.getDecoder().decode(key).length != 32) {
        problems.add(name + ".key must decode to 32 bytes");
      }
    } catch (IllegalArgumentException e) {
      problems.add(name + ".key is not base64");
    }
    if (production && LOCAL_KEY.equals(key)) {
      problems.add(name + ".key is the local development key; mode PRODUCTION needs its own");
    }
  }

  public MasterKeyRing build() {
    // One KMS client for every KMS-held key of the ring, made only when one is configured.
    boolean anyKms = held(kmsKeyId) || retired.stream().anyMatch(old -> held(old.kmsKeyId));
    AWSKMS kmsClient =
        anyKms
            ? AwsClients.configure(
                    AWSKMSClientBuilder.standard(),
                    kms.endpoint,
                    kms.region,
                    !kms.stubCredentials,
                    64)
                .build()
            : null;
    List<MasterKey> old = new ArrayList<>();
    for (Retired key : retired) {
      old.add(keyOf(key.id, key.key, key.kmsKeyId, kmsClient));
    }
    return new MasterKeyRing(keyOf(id, key, kmsKeyId, kmsClient), old);
  }

  private static boolean held(String kmsKeyId) {
    return kmsKeyId != null && !kmsKeyId.isBlank();
  }

  private static MasterKey keyOf(String id, String key, String kmsKeyId, AWSKMS kmsClient) {
    return held(kmsKeyId) ? new KmsMasterKey(id, kmsKeyId, kmsClient) : new LocalMasterKey(id, key);
  }

  @Override
  public String toString() {
    return "MasterKeySettings[id=" + id + (kmsKeyId == null ? "" : ", kms") + "]";
  }
}
