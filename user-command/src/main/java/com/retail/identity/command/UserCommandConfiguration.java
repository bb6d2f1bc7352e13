package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.RedisSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;
import java.util.List;

public class UserCommandConfiguration extends PlatformConfiguration {
  /** The secret shipped in config/local.yml; production must never run with it. */
  static final String LOCAL_EMAIL_SECRET = "bG9jYWwtb25seS1lbWFpbC1sb29rdXAta2V5LTAwMDAwMDAwMDA=";

  @JsonProperty @Valid @NotNull
  private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull
  private RedisSettings redis = new RedisSettings();


  /** JWK set file of the ES256 signing keys; local mode creates it when missing. */
  @JsonProperty @NotEmpty
  private String signingKeyFile;

  /** Base64 secret (32+ bytes) keying email lookup hashes. */
  @JsonProperty @NotEmpty
  private String emailLookupSecret;

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public RedisSettings getRedis() {
    return redis;
  }


  public String getSigningKeyFile() {
    return signingKeyFile;
  }

  public byte[] emailLookupSecret() {
    return Base64.getDecoder().decode(emailLookupSecret);
  }

  @Override
  public List<String> crossFieldProblems() {
    List<String> problems = super.crossFieldProblems();
    if (emailLookupSecret != null) {
      try {
        if (emailLookupSecret().length < 32) {
          problems.add("emailLookupSecret must decode to at least 32 bytes");
        }
      } catch (IllegalArgumentException e) {
        problems.add("emailLookupSecret is not base64");
      }
      if (getMode().isProduction() && LOCAL_EMAIL_SECRET.equals(emailLookupSecret)) {
        problems.add("emailLookupSecret is the local development secret; mode " + getMode() + " needs its own");
      }
    }
    return problems;
  }
}
