package com.retail.identity.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.DataCenterInfo;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.appinfo.MyDataCenterInfo;
import com.netflix.loadbalancer.Server;
import java.util.List;
import org.junit.jupiter.api.Test;

class EurekaServerListTest {

  @Test
  void givenInstancesInSeveralStates_whenMapped_thenOnlyUpInstancesBecomeHostPortServers() {
    List<InstanceInfo> instances =
        List.of(
            instance("10.0.0.1", 8080, InstanceStatus.UP),
            instance("10.0.0.2", 8081, InstanceStatus.DOWN),
            instance("10.0.0.3", 8082, InstanceStatus.STARTING),
            instance("10.0.0.4", 8083, InstanceStatus.UP));

    List<Server> servers = EurekaServerList.toServers(instances);

    assertThat(servers)
        .extracting(Server::getHostPort)
        .containsExactly("10.0.0.1:8080", "10.0.0.4:8083");
  }

  @Test
  void givenAnInstanceWithAnInternalConnector_whenMapped_thenCallersReachItThere() {
    InstanceInfo internal = instance("10.0.0.5", 8080, InstanceStatus.UP);
    internal.getMetadata().put(CodeInstanceConfig.INTERNAL_PORT, "8086");
    InstanceInfo garbled = instance("10.0.0.6", 8080, InstanceStatus.UP);
    garbled.getMetadata().put(CodeInstanceConfig.INTERNAL_PORT, "not-a-port");

    assertThat(EurekaServerList.toServers(List.of(internal, garbled)))
        .extracting(Server::getHostPort)
        .containsExactly("10.0.0.5:8086", "10.0.0.6:8080");
  }

  @Test
  void givenNoEurekaClientYet_whenListing_thenTheListIsEmpty() {
    EurekaServerList list = new EurekaServerList(() -> null, "user-command");

    assertThat(list.getUpdatedListOfServers()).isEmpty();
    assertThat(list.getInitialListOfServers()).isEmpty();
  }

  private static InstanceInfo instance(String host, int port, InstanceStatus status) {
    return InstanceInfo.Builder.newBuilder()
        .setAppName("USER-COMMAND")
        .setInstanceId(host + ":user-command:" + port)
        .setHostName(host)
        .setIPAddr(host)
        .setPort(port)
        .enablePort(InstanceInfo.PortType.UNSECURE, true)
        .setVIPAddress("user-command")
        .setDataCenterInfo(new MyDataCenterInfo(DataCenterInfo.Name.MyOwn))
        .setStatus(status)
        .build();
  }
}
