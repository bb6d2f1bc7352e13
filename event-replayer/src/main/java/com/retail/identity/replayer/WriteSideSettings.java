package com.retail.identity.replayer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * What the import reads from user-command's configuration file: its Cassandra, the secret that keys
 * email addresses, and when a registration's pending reservation counts as abandoned. An import
 * writes with exactly the keys and secrets user-command uses; the rest of the file is
 * user-command's own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class WriteSideSettings extends PlatformConfiguration {
  @JsonProperty @Valid @NotNull private CassandraSettings cassandra = new CassandraSettings();

  /** Base64 secret (32+ bytes) keying email lookup hashes. */
  @JsonProperty @NotEmpty private String emailLookupSecret;

  @JsonProperty @Valid @NotNull private Reservations reservations = new Reservations();

  /**
   * user-command's {@code reservations} section; only the abandonment window matters to an import.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static class Reservations {
    @JsonProperty
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration abandonedAfter = Duration.minutes(2);
  }

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public byte[] emailLookupSecret() {
    return Base64.getDecoder().decode(emailLookupSecret);
  }

  public java.time.Duration abandonedAfter() {
    return reservations.abandonedAfter.toJavaDuration();
  }
}
