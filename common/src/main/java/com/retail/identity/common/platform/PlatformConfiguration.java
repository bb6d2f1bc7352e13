package com.retail.identity.common.platform;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.discovery.EurekaSettings;
import com.retail.identity.common.http.BodyLimitFilter;
import com.retail.identity.common.http.CorsSettings;
import com.retail.identity.common.tokens.TokenSettings;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** What every service's YAML holds besides its own stores and settings. */
public class PlatformConfiguration extends Configuration {
  @JsonProperty @NotNull private DeploymentMode mode = DeploymentMode.PRODUCTION;

  @JsonProperty @Valid @NotNull private EurekaSettings eureka = new EurekaSettings();

  @JsonProperty @Valid @NotNull private CorsSettings cors = new CorsSettings();

  /**
   * Width of one time bucket (partition) of the event log that projections tail; must divide a day.
   */
  @JsonProperty
  @Min(1)
  @Max(60)
  private int eventLogBucketMinutes = 1;

  /**
   * Partitions each bucket of the event log is spread over (by user id). Every service must use the
   * same value; readers read all of them (docs/adr/0103-event-log-shards.md).
   */
  @JsonProperty
  @Min(1)
  @Max(64)
  private int eventLogShards = 8;

  /** Wraps the per-user data keys that seal personal data in events. */
  @JsonProperty @Valid @NotNull private MasterKeySettings masterKey = new MasterKeySettings();

  /** Claims every service checks on access tokens. */
  @JsonProperty @Valid @NotNull private TokenSettings tokens = new TokenSettings();

  /**
   * The operators' knob file (Archaius, polled); absent means defaults, system properties and
   * runtime overrides only.
   */
  @JsonProperty private String knobFile;

  @JsonProperty
  @Min(1000)
  @Max(600_000)
  private int knobPollMillis = 5000;

  @JsonProperty
  @Min(1024)
  @Max(1024 * 1024)
  private int maxBodyBytes = BodyLimitFilter.DEFAULT_LIMIT;

  /**
   * The operators' credential for admin-port tasks ({@code Authorization: Bearer <token>} on {@code
   * /tasks/*}, e.g. the knob task). Required in mode PRODUCTION (from SSM); without it, local and
   * test stacks leave the tasks open (logged at start).
   */
  @JsonProperty private String operatorToken;

  public String getOperatorToken() {
    return operatorToken;
  }

  public DeploymentMode getMode() {
    return mode;
  }

  public void setMode(DeploymentMode mode) {
    this.mode = mode;
  }

  public EurekaSettings getEureka() {
    return eureka;
  }

  public java.time.Duration eventLogBucket() {
    return java.time.Duration.ofMinutes(eventLogBucketMinutes);
  }

  public int eventLogShards() {
    return eventLogShards;
  }

  public MasterKeySettings getMasterKey() {
    return masterKey;
  }

  public TokenSettings getTokens() {
    return tokens;
  }

  public CorsSettings getCors() {
    return cors;
  }

  public String getKnobFile() {
    return knobFile;
  }

  public void setKnobFile(String knobFile) {
    this.knobFile = knobFile;
  }

  public int getKnobPollMillis() {
    return knobPollMillis;
  }

  public int getMaxBodyBytes() {
    return maxBodyBytes;
  }

  /** Whether the service serves the platform's own API ({@code /internal/*}, ADR 0014). */
  protected boolean servesInternalApi() {
    return false;
  }

  /**
   * Rules that span several fields or depend on the mode; each broken rule is one sentence.
   * Services add their own and call {@code super}.
   */
  public List<String> crossFieldProblems() {
    List<String> problems = new ArrayList<>();
    problems.addAll(masterKey.problems(mode.isProduction()));
    if (operatorToken != null && !operatorToken.isBlank() && operatorToken.strip().length() < 32) {
      problems.add("operatorToken must be at least 32 characters");
    }
    if (mode.isProduction()
        && servesInternalApi()
        && !(getServerFactory() instanceof io.dropwizard.core.server.DefaultServerFactory server
            && server.getApplicationConnectors().size() >= 2)) {
      problems.add(
          "server.applicationConnectors needs a second, internal connector in mode PRODUCTION:"
              + " /internal/* is served only there");
    }
    if (mode.isProduction() && (operatorToken == null || operatorToken.isBlank())) {
      problems.add("operatorToken must be set in mode PRODUCTION: admin tasks need a credential");
    }
    return problems;
  }
}
