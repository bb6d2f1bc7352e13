package com.retail.identity.common.discovery;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.appinfo.providers.EurekaConfigBasedInstanceInfoProvider;
import com.netflix.discovery.DiscoveryClient;
import com.netflix.discovery.EurekaClient;
import com.netflix.discovery.Jersey3DiscoveryClientOptionalArgs;
import com.netflix.discovery.shared.transport.jersey3.Jersey3TransportClientFactories;
import com.retail.identity.common.http.InternalApi;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers one Dropwizard application with Eureka (eureka-client 2.x, Jersey 3 transport).
 *
 * <p>The {@link DiscoveryClient} is created only once Jetty is serving, so the instance is
 * advertised with its real (possibly random) application and admin ports, then marked UP. On {@link
 * #stop()} it is marked DOWN and the client shut down, which deregisters it.
 *
 * <p>All configuration is held in code ({@link CodeInstanceConfig}, {@link CodeClientConfig}): no
 * global {@code eureka.*} Archaius properties are read or written, so several applications can
 * register from one JVM.
 */
public class EurekaRegistration implements Managed, Supplier<EurekaClient> {
  private static final Logger LOG = LoggerFactory.getLogger(EurekaRegistration.class);

  /** Dropwizard's connector names (DefaultServerFactory). */
  static final String APPLICATION_CONNECTOR = "application";

  static final String ADMIN_CONNECTOR = "admin";

  private volatile EurekaSettings settings;
  private volatile String adminHealthPath = "/healthcheck";

  private volatile ApplicationInfoManager applicationInfoManager;
  private volatile DiscoveryClient discoveryClient;
  private boolean stopped;

  /** For {@link #attach(Environment, EurekaSettings, String)}. */
  public EurekaRegistration() {}

  /** For {@link #register(int, int)} without Dropwizard (tools, tests). */
  public EurekaRegistration(EurekaSettings settings, String adminHealthPath) {
    this.settings = settings;
    this.adminHealthPath = adminHealthPath == null ? "/healthcheck" : adminHealthPath;
  }

  /**
   * Wires this registration into {@code env}: a Jetty server listener registers the instance once
   * the real ports are known, and the registration is managed so it deregisters on shutdown. Does
   * nothing (beyond remembering the settings) when {@code settings.enabled} is false.
   *
   * @param adminHealthPath the health check path on the admin connector: {@code /healthcheck} for
   *     Dropwizard's default server, {@code /admin/healthcheck} with the simple server
   */
  public void attach(Environment env, EurekaSettings settings, String adminHealthPath) {
    this.settings = settings;
    this.adminHealthPath = adminHealthPath == null ? "/healthcheck" : adminHealthPath;
    if (!settings.isEnabled()) {
      LOG.info("Eureka registration disabled for {}", settings.getAppName());
      return;
    }
    env.lifecycle().addServerLifecycleListener(this::serverStarted);
    env.lifecycle().manage(this);
  }

  /** Reads the real ports from Jetty's connectors and registers. Never throws: startup goes on. */
  void serverStarted(Server server) {
    int applicationPort = -1;
    int adminPort = -1;
    for (Connector connector : server.getConnectors()) {
      if (!(connector instanceof NetworkConnector network)) {
        continue;
      }
      String name = connector.getName();
      if (ADMIN_CONNECTOR.equals(name) && adminPort < 0) {
        adminPort = network.getLocalPort();
      } else if ((APPLICATION_CONNECTOR.equals(name) || name == null) && applicationPort < 0) {
        applicationPort = network.getLocalPort();
      }
    }
    if (applicationPort <= 0) {
      LOG.error(
          "Eureka: no '{}' connector with a local port; {} is NOT registered",
          APPLICATION_CONNECTOR,
          settings.getAppName());
      return;
    }
    try {
      register(applicationPort, adminPort, InternalApi.internalPortOf(server));
    } catch (RuntimeException e) {
      LOG.error(
          "Eureka registration of {} failed; the service runs unregistered",
          settings.getAppName(),
          e);
    }
  }

  /**
   * Creates the DiscoveryClient for this instance and marks it UP. Public so that a process without
   * Dropwizard's Jetty (or a test) can register with known ports.
   *
   * @param adminPort the admin port, or a value &lt;= 0 when admin shares the application port
   */
  public void register(int applicationPort, int adminPort) {
    register(applicationPort, adminPort, -1);
  }

  /**
   * @param internalPort the internal connector's port (metadata {@value
   *     CodeInstanceConfig#INTERNAL_PORT}: callers reach this instance there), or -1 for none
   */
  public synchronized void register(int applicationPort, int adminPort, int internalPort) {
    if (settings == null) {
      throw new IllegalStateException("EurekaRegistration has no settings; call attach(...) first");
    }
    if (stopped) {
      LOG.warn("Eureka registration of {} already stopped; not registering", settings.getAppName());
      return;
    }
    if (discoveryClient != null) {
      LOG.warn("Eureka: {} already registered", settings.getAppName());
      return;
    }
    CodeInstanceConfig instanceConfig =
        new CodeInstanceConfig(settings, applicationPort, adminPort, adminHealthPath, internalPort);
    InstanceInfo instanceInfo = new EurekaConfigBasedInstanceInfoProvider(instanceConfig).get();
    ApplicationInfoManager manager = new ApplicationInfoManager(instanceConfig, instanceInfo);
    DiscoveryClient client =
        new DiscoveryClient(
            manager,
            new CodeClientConfig(settings),
            Jersey3TransportClientFactories.getInstance(),
            new Jersey3DiscoveryClientOptionalArgs());
    this.applicationInfoManager = manager;
    this.discoveryClient = client;
    manager.setInstanceStatus(InstanceStatus.UP);
    LOG.info(
        "Eureka: registering {} as {} (vip {}, port {}, health {}) at {}",
        instanceInfo.getAppName(),
        instanceInfo.getInstanceId(),
        instanceInfo.getVIPAddress(),
        applicationPort,
        instanceInfo.getHealthCheckUrl(),
        settings.getServiceUrl());
  }

  @Override
  public void start() {
    // Nothing: Managed objects start before Jetty's connectors, so the ports are unknown here.
    // Registration happens in serverStarted().
  }

  /** Marks the instance DOWN and shuts the client down, which deregisters it. */
  @Override
  public synchronized void stop() {
    stopped = true;
    DiscoveryClient client = discoveryClient;
    ApplicationInfoManager manager = applicationInfoManager;
    discoveryClient = null;
    applicationInfoManager = null;
    if (client == null) {
      return;
    }
    try {
      if (manager != null) {
        manager.setInstanceStatus(InstanceStatus.DOWN);
      }
    } finally {
      client.shutdown();
      LOG.info("Eureka: {} deregistered", settings.getAppName());
    }
  }

  /**
   * The running client (for {@link EurekaServerList} / {@link ServiceClient}); null before
   * registration.
   */
  public EurekaClient getEurekaClient() {
    return discoveryClient;
  }

  /** Same as {@link #getEurekaClient()}, so the registration can be passed as a lazy supplier. */
  @Override
  public EurekaClient get() {
    return discoveryClient;
  }

  /** This instance's info as sent to Eureka; null before registration. */
  public InstanceInfo getInstanceInfo() {
    ApplicationInfoManager manager = applicationInfoManager;
    return manager == null ? null : manager.getInfo();
  }

  public EurekaSettings getSettings() {
    return settings;
  }
}
