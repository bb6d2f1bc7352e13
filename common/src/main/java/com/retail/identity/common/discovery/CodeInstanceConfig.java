package com.retail.identity.common.discovery;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.EurekaInstanceConfig;
import com.netflix.appinfo.MyDataCenterInfo;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link EurekaInstanceConfig} built entirely in code from {@link EurekaSettings} and the real
 * Jetty ports. Unlike {@code MyDataCenterInstanceConfig} it reads no global {@code eureka.*}
 * Archaius properties, so several applications can register from one JVM under different names.
 */
final class CodeInstanceConfig implements EurekaInstanceConfig {
  private static final String NAMESPACE = "eureka.";

  /** Metadata: the port of the instance's internal connector, where other services call it. */
  static final String INTERNAL_PORT = "internalPort";

  private final EurekaSettings settings;
  private final String hostname;
  private final String ipAddress;
  private final int applicationPort;
  private final int adminPort;
  private final String adminHealthPath;
  private final int internalPort;
  private final DataCenterInfo dataCenterInfo = new MyDataCenterInfo(DataCenterInfo.Name.MyOwn);

  CodeInstanceConfig(
      EurekaSettings settings, int applicationPort, int adminPort, String adminHealthPath) {
    this(settings, applicationPort, adminPort, adminHealthPath, -1);
  }

  CodeInstanceConfig(
      EurekaSettings settings,
      int applicationPort,
      int adminPort,
      String adminHealthPath,
      int internalPort) {
    if (settings.getAppName() == null || settings.getAppName().isBlank()) {
      throw new IllegalArgumentException("eureka.appName is required");
    }
    if (applicationPort <= 0) {
      throw new IllegalArgumentException(
          "application port must be known (got " + applicationPort + ")");
    }
    this.settings = settings;
    this.hostname = settings.getHostname();
    this.ipAddress = resolveIp(hostname);
    this.applicationPort = applicationPort;
    this.adminPort = adminPort > 0 ? adminPort : applicationPort;
    this.internalPort = internalPort;
    this.adminHealthPath =
        normalisePath(adminHealthPath == null ? "/healthcheck" : adminHealthPath);
  }

  private static String resolveIp(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (Exception e) {
      return host;
    }
  }

  private static String normalisePath(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  /** Unique per instance: {@code host:app:port}. */
  @Override
  public String getInstanceId() {
    return hostname + ":" + settings.getAppName().toLowerCase(Locale.ROOT) + ":" + applicationPort;
  }

  @Override
  public String getAppname() {
    return settings.getAppName();
  }

  @Override
  public String getAppGroupName() {
    return null;
  }

  /** Registers as STARTING; {@link EurekaRegistration} flips it to UP once Jetty is serving. */
  @Override
  public boolean isInstanceEnabledOnit() {
    return false;
  }

  @Override
  public int getNonSecurePort() {
    return applicationPort;
  }

  @Override
  public int getSecurePort() {
    return 443;
  }

  @Override
  public boolean isNonSecurePortEnabled() {
    return true;
  }

  @Override
  public boolean getSecurePortEnabled() {
    return false;
  }

  @Override
  public int getLeaseRenewalIntervalInSeconds() {
    return settings.getLeaseRenewalSeconds();
  }

  @Override
  public int getLeaseExpirationDurationInSeconds() {
    return settings.getLeaseExpirationSeconds();
  }

  @Override
  public String getVirtualHostName() {
    return settings.getVipAddress();
  }

  @Override
  public String getSecureVirtualHostName() {
    return settings.getVipAddress();
  }

  @Override
  public String getASGName() {
    return null;
  }

  @Override
  public String getHostName(boolean refresh) {
    return hostname;
  }

  @Override
  public Map<String, String> getMetadataMap() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("adminPort", Integer.toString(adminPort));
    metadata.put("instanceId", getInstanceId());
    if (internalPort > 0) {
      metadata.put(INTERNAL_PORT, Integer.toString(internalPort));
    }
    return metadata;
  }

  @Override
  public DataCenterInfo getDataCenterInfo() {
    return dataCenterInfo;
  }

  @Override
  public String getIpAddress() {
    return ipAddress;
  }

  /** The admin root (Dropwizard's admin menu), next to the health check path. */
  @Override
  public String getStatusPageUrlPath() {
    return adminHealthPath.substring(0, adminHealthPath.lastIndexOf('/') + 1);
  }

  @Override
  public String getStatusPageUrl() {
    return "http://" + hostname + ":" + adminPort + getStatusPageUrlPath();
  }

  @Override
  public String getHomePageUrlPath() {
    return "/";
  }

  @Override
  public String getHomePageUrl() {
    return "http://" + hostname + ":" + applicationPort + "/";
  }

  @Override
  public String getHealthCheckUrlPath() {
    return adminHealthPath;
  }

  @Override
  public String getHealthCheckUrl() {
    return "http://" + hostname + ":" + adminPort + adminHealthPath;
  }

  @Override
  public String getSecureHealthCheckUrl() {
    return null;
  }

  @Override
  public String[] getDefaultAddressResolutionOrder() {
    return new String[0];
  }

  @Override
  public String getNamespace() {
    return NAMESPACE;
  }

  int getAdminPort() {
    return adminPort;
  }
}
