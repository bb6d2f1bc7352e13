package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.appinfo.EurekaInstanceConfig;
import com.retail.identity.common.discovery.EurekaSettings;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** eureka-drain, the unit's ExecStop, against a stub Eureka server. */
class EurekaDrainTest {
  private static final String OUT_OF_SERVICE =
      "PUT /eureka/apps/USER-COMMAND/10.0.3.17:user-command:8080/status?value=OUT_OF_SERVICE";

  private static Tool.Result drain(String eurekaUrl, boolean running) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "EUREKA_URL", eurekaUrl,
                "EUREKA_APP", "USER-COMMAND",
                "INSTANCE_IP", "10.0.3.17",
                "APP_PORT", "8080",
                "EUREKA_DRAIN_SECONDS", "0"));
    if (running) {
      env.put("MAINPID", "4242");
    }
    return Tool.run(Repo.BAKE, env, List.of("bash", "files/bin/eureka-drain", "user-command"));
  }

  @Test
  void marksThisInstanceOutOfServiceUsingTheFirstReachableEurekaServer() throws IOException {
    try (StubHttp eureka = new StubHttp()) {
      eureka.answer("PUT", OUT_OF_SERVICE.substring(4), "");
      Tool.Result result = drain("http://127.0.0.1:1/eureka/, " + eureka.url() + "/eureka/", true);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(eureka.requests).containsExactly(OUT_OF_SERVICE);
      assertThat(result.output()).contains("OUT_OF_SERVICE").contains("draining 0s");
    }
  }

  /**
   * The id must be the one EurekaRegistration registers: host:app-lower-case:port
   * (CodeInstanceConfig).
   */
  @Test
  void usesTheInstanceIdTheServiceRegistersWith() throws ReflectiveOperationException {
    EurekaSettings settings = EurekaSettings.forApp("USER-COMMAND");
    settings.setHostname("10.0.3.17");
    Class<?> config = Class.forName("com.retail.identity.common.discovery.CodeInstanceConfig");
    Constructor<?> constructor =
        config.getDeclaredConstructor(EurekaSettings.class, int.class, int.class, String.class);
    constructor.setAccessible(true);
    EurekaInstanceConfig instance =
        (EurekaInstanceConfig) constructor.newInstance(settings, 8080, 8081, "/healthcheck");
    assertThat(OUT_OF_SERVICE)
        .contains("/apps/" + instance.getAppname() + "/" + instance.getInstanceId() + "/status");
  }

  @Test
  void doesNothingWhenTheServiceIsNotRunning() throws IOException {
    try (StubHttp eureka = new StubHttp()) {
      Tool.Result result = drain(eureka.url() + "/eureka/", false);
      assertThat(result.exitCode()).isZero();
      assertThat(eureka.requests).isEmpty();
    }
  }

  @Test
  void neverBlocksTheStopWhenEurekaIsUnreachable() {
    Tool.Result result = drain("http://127.0.0.1:1/eureka/", true);
    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains("stopping without draining");
  }
}
