package com.retail.identity.common.discovery;

import com.netflix.appinfo.EurekaAccept;
import com.netflix.discovery.EurekaClientConfig;
import com.netflix.discovery.shared.transport.EurekaTransportConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EurekaClientConfig} built in code from {@link EurekaSettings}. Values mirror {@code
 * DefaultEurekaClientConfig}'s defaults except where noted; nothing is read from or written to
 * Archaius ({@code DefaultEurekaClientConfig}'s constructor writes {@code
 * archaius.deployment.environment} and loads {@code eureka-client.properties} into the global
 * configuration, which this platform must not do).
 */
final class CodeClientConfig implements EurekaClientConfig {
  private final EurekaSettings settings;
  private final List<String> serviceUrls;
  private final EurekaTransportConfig transport = new Transport();

  CodeClientConfig(EurekaSettings settings) {
    this.settings = settings;
    List<String> urls = new ArrayList<>();
    for (String url : settings.getServiceUrl().split("\\s*,\\s*")) {
      if (!url.isBlank()) {
        urls.add(url.endsWith("/") ? url.trim() : url.trim() + "/");
      }
    }
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("eureka.serviceUrl is empty");
    }
    this.serviceUrls = List.copyOf(urls);
  }

  @Override
  public int getRegistryFetchIntervalSeconds() {
    return settings.getRegistryFetchSeconds();
  }

  /** How often a changed InstanceInfo (status, metadata) is pushed; default 30. */
  @Override
  public int getInstanceInfoReplicationIntervalSeconds() {
    return settings.getLeaseRenewalSeconds();
  }

  /** First registration 1 s after start instead of 40 s. */
  @Override
  public int getInitialInstanceInfoReplicationIntervalSeconds() {
    return 1;
  }

  @Override
  public int getEurekaServiceUrlPollIntervalSeconds() {
    return 300;
  }

  @Override
  public String getProxyHost() {
    return null;
  }

  @Override
  public String getProxyPort() {
    return null;
  }

  @Override
  public String getProxyUserName() {
    return null;
  }

  @Override
  public String getProxyPassword() {
    return null;
  }

  @Override
  public boolean shouldGZipContent() {
    return true;
  }

  @Override
  public int getEurekaServerReadTimeoutSeconds() {
    return 5;
  }

  @Override
  public int getEurekaServerConnectTimeoutSeconds() {
    return 2;
  }

  @Override
  public String getBackupRegistryImpl() {
    return null;
  }

  @Override
  public int getEurekaServerTotalConnections() {
    return 50;
  }

  @Override
  public int getEurekaServerTotalConnectionsPerHost() {
    return 20;
  }

  @Override
  public String getEurekaServerURLContext() {
    return null;
  }

  @Override
  public String getEurekaServerPort() {
    return null;
  }

  @Override
  public String getEurekaServerDNSName() {
    return null;
  }

  @Override
  public boolean shouldUseDnsForFetchingServiceUrls() {
    return false;
  }

  @Override
  public boolean shouldRegisterWithEureka() {
    return true;
  }

  @Override
  public boolean shouldUnregisterOnShutdown() {
    return true;
  }

  @Override
  public boolean shouldPreferSameZoneEureka() {
    return true;
  }

  @Override
  public boolean allowRedirects() {
    return false;
  }

  @Override
  public boolean shouldLogDeltaDiff() {
    return false;
  }

  @Override
  public boolean shouldDisableDelta() {
    return false;
  }

  @Override
  public String fetchRegistryForRemoteRegions() {
    return null;
  }

  @Override
  public String getRegion() {
    return "us-east-1";
  }

  @Override
  public String[] getAvailabilityZones(String region) {
    return new String[] {"defaultZone"};
  }

  @Override
  public List<String> getEurekaServerServiceUrls(String myZone) {
    return serviceUrls;
  }

  @Override
  public boolean shouldFilterOnlyUpInstances() {
    return true;
  }

  @Override
  public int getEurekaConnectionIdleTimeoutSeconds() {
    return 30;
  }

  @Override
  public boolean shouldFetchRegistry() {
    return true;
  }

  @Override
  public boolean shouldEnforceFetchRegistryAtInit() {
    return false;
  }

  @Override
  public String getRegistryRefreshSingleVipAddress() {
    return null;
  }

  @Override
  public int getHeartbeatExecutorThreadPoolSize() {
    return 2;
  }

  @Override
  public int getHeartbeatExecutorExponentialBackOffBound() {
    return 10;
  }

  @Override
  public int getCacheRefreshExecutorThreadPoolSize() {
    return 2;
  }

  @Override
  public int getCacheRefreshExecutorExponentialBackOffBound() {
    return 10;
  }

  @Override
  public String getDollarReplacement() {
    return "_-";
  }

  @Override
  public String getEscapeCharReplacement() {
    return "__";
  }

  @Override
  public boolean shouldOnDemandUpdateStatusChange() {
    return true;
  }

  @Override
  public boolean shouldEnforceRegistrationAtInit() {
    return false;
  }

  @Override
  public String getEncoderName() {
    return null;
  }

  @Override
  public String getDecoderName() {
    return null;
  }

  @Override
  public String getClientDataAccept() {
    return EurekaAccept.full.name();
  }

  @Override
  public String getExperimental(String name) {
    return null;
  }

  @Override
  public EurekaTransportConfig getTransportConfig() {
    return transport;
  }

  /** {@code DefaultEurekaTransportConfig}'s defaults, without Archaius. */
  private static final class Transport implements EurekaTransportConfig {
    @Override
    public int getSessionedClientReconnectIntervalSeconds() {
      return 1200;
    }

    @Override
    public double getRetryableClientQuarantineRefreshPercentage() {
      return 0.66;
    }

    @Override
    public int getApplicationsResolverDataStalenessThresholdSeconds() {
      return 300;
    }

    @Override
    public boolean applicationsResolverUseIp() {
      return false;
    }

    @Override
    public int getAsyncResolverRefreshIntervalMs() {
      return 300_000;
    }

    @Override
    public int getAsyncResolverWarmUpTimeoutMs() {
      return 5_000;
    }

    @Override
    public int getAsyncExecutorThreadPoolSize() {
      return 2;
    }

    @Override
    public String getWriteClusterVip() {
      return null;
    }

    @Override
    public String getReadClusterVip() {
      return null;
    }

    @Override
    public String getBootstrapResolverStrategy() {
      return null;
    }

    @Override
    public boolean useBootstrapResolverForQuery() {
      return true;
    }
  }
}
