package com.retail.identity.common.discovery;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.client.config.IClientConfig;
import com.netflix.discovery.EurekaClient;
import com.netflix.loadbalancer.AbstractServerList;
import com.netflix.loadbalancer.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Ribbon server list over Eureka: the UP instances registered under a VIP address, as {@code
 * host:port} servers. Replaces {@code ribbon-eureka}'s {@code DiscoveryEnabledNIWSServerList}
 * (which drags Jersey 1).
 *
 * <p>The client is looked up on every refresh, so the list can be built before the local {@link
 * EurekaRegistration} has started (it is empty until then).
 */
public class EurekaServerList extends AbstractServerList<Server> {
  private final Supplier<? extends EurekaClient> eurekaClient;
  private final String vipAddress;

  public EurekaServerList(EurekaClient eurekaClient, String vipAddress) {
    this(() -> eurekaClient, vipAddress);
    Objects.requireNonNull(eurekaClient, "eurekaClient");
  }

  public EurekaServerList(Supplier<? extends EurekaClient> eurekaClient, String vipAddress) {
    this.eurekaClient = Objects.requireNonNull(eurekaClient, "eurekaClient");
    this.vipAddress = Objects.requireNonNull(vipAddress, "vipAddress");
  }

  @Override
  public void initWithNiwsConfig(IClientConfig clientConfig) {
    // Nothing to read: the VIP address and client are given in code.
  }

  @Override
  public List<Server> getInitialListOfServers() {
    return getUpdatedListOfServers();
  }

  @Override
  public List<Server> getUpdatedListOfServers() {
    EurekaClient client = eurekaClient.get();
    if (client == null) {
      return List.of();
    }
    List<InstanceInfo> instances = client.getInstancesByVipAddress(vipAddress, false);
    return toServers(instances);
  }

  /**
   * UP instances with an enabled plain-HTTP port, mapped to Ribbon servers: at their internal
   * connector's port when they have one (service-to-service traffic goes there), else at their
   * application port.
   */
  static List<Server> toServers(List<InstanceInfo> instances) {
    List<Server> servers = new ArrayList<>();
    if (instances == null) {
      return servers;
    }
    for (InstanceInfo instance : instances) {
      if (instance.getStatus() != InstanceStatus.UP
          || !instance.isPortEnabled(InstanceInfo.PortType.UNSECURE)) {
        continue;
      }
      Server server = new Server(instance.getHostName(), portFor(instance));
      servers.add(server);
    }
    return servers;
  }

  private static int portFor(InstanceInfo instance) {
    String internal = instance.getMetadata().get(CodeInstanceConfig.INTERNAL_PORT);
    if (internal != null) {
      try {
        int port = Integer.parseInt(internal);
        if (port > 0) {
          return port;
        }
      } catch (NumberFormatException ignored) {
        // a foreign registration's metadata: use its application port
      }
    }
    return instance.getPort();
  }

  public String getVipAddress() {
    return vipAddress;
  }

  @Override
  public String toString() {
    return "EurekaServerList{vip=" + vipAddress + "}";
  }
}
