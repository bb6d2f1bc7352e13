package com.retail.identity.common.discovery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Locale;

/**
 * Eureka registration settings, embedded in each service's Dropwizard YAML as {@code eureka:}.
 *
 * <pre>
 * eureka:
 *   enabled: true
 *   serviceUrl: http://127.0.0.1:8761/eureka/
 *   appName: USER-COMMAND
 *   vipAddress: user-command        # default: appName lower-case
 *   hostname: 127.0.0.1
 *   leaseRenewalSeconds: 5
 *   leaseExpirationSeconds: 15
 *   registryFetchSeconds: 5
 * </pre>
 */
public class EurekaSettings {

  private boolean enabled = true;

  @NotBlank private String serviceUrl = "http://127.0.0.1:8761/eureka/";

  private String appName;

  private String vipAddress;

  @NotBlank private String hostname = "127.0.0.1";

  // The Eureka client cancels a heartbeat or registry fetch that takes longer than its own period
  // (TimedSupervisorTask): at 1 s a busy host cancels every one, and the lease lapses or the
  // registry goes stale for good.
  @Min(2)
  @Max(300)
  private int leaseRenewalSeconds = 5;

  @Min(1)
  @Max(900)
  private int leaseExpirationSeconds = 15;

  @Min(2)
  @Max(300)
  private int registryFetchSeconds = 5;

  public EurekaSettings() {}

  /** Convenience for code and tests: settings for {@code appName} with every other default. */
  public static EurekaSettings forApp(String appName) {
    EurekaSettings s = new EurekaSettings();
    s.setAppName(appName);
    return s;
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public String getServiceUrl() {
    return serviceUrl;
  }

  @JsonProperty
  public void setServiceUrl(String serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  @JsonProperty
  public String getAppName() {
    return appName;
  }

  @JsonProperty
  public void setAppName(String appName) {
    this.appName = appName;
  }

  /** The VIP address other services look this app up by; defaults to the app name lower-case. */
  @JsonProperty
  public String getVipAddress() {
    if (vipAddress == null || vipAddress.isBlank()) {
      return appName == null ? null : appName.toLowerCase(Locale.ROOT);
    }
    return vipAddress;
  }

  @JsonProperty
  public void setVipAddress(String vipAddress) {
    this.vipAddress = vipAddress;
  }

  @JsonProperty
  public String getHostname() {
    return hostname;
  }

  @JsonProperty
  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  @JsonProperty
  public int getLeaseRenewalSeconds() {
    return leaseRenewalSeconds;
  }

  @JsonProperty
  public void setLeaseRenewalSeconds(int leaseRenewalSeconds) {
    this.leaseRenewalSeconds = leaseRenewalSeconds;
  }

  @JsonProperty
  public int getLeaseExpirationSeconds() {
    return leaseExpirationSeconds;
  }

  @JsonProperty
  public void setLeaseExpirationSeconds(int leaseExpirationSeconds) {
    this.leaseExpirationSeconds = leaseExpirationSeconds;
  }

  @JsonProperty
  public int getRegistryFetchSeconds() {
    return registryFetchSeconds;
  }

  @JsonProperty
  public void setRegistryFetchSeconds(int registryFetchSeconds) {
    this.registryFetchSeconds = registryFetchSeconds;
  }

  /** An enabled registration needs the name the service registers under. */
  @JsonIgnore
  @jakarta.validation.constraints.AssertTrue(message = "appName is required when eureka is enabled")
  public boolean isAppNamePresentWhenEnabled() {
    return !enabled || (appName != null && !appName.isBlank());
  }

  /** Eureka drops an instance whose lease lapsed; the lapse must outlast several renewals. */
  @JsonIgnore
  @jakarta.validation.constraints.AssertTrue(
      message = "leaseExpirationSeconds must be greater than leaseRenewalSeconds")
  public boolean isLeaseConsistent() {
    return leaseExpirationSeconds > leaseRenewalSeconds;
  }

  @Override
  public String toString() {
    return "EurekaSettings{enabled="
        + enabled
        + ", serviceUrl="
        + serviceUrl
        + ", appName="
        + appName
        + ", vipAddress="
        + getVipAddress()
        + ", hostname="
        + hostname
        + ", leaseRenewalSeconds="
        + leaseRenewalSeconds
        + ", leaseExpirationSeconds="
        + leaseExpirationSeconds
        + ", registryFetchSeconds="
        + registryFetchSeconds
        + "}";
  }
}
