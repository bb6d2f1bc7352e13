package com.retail.identity.verification.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.DiscoveryClient;
import com.netflix.discovery.shared.Application;
import com.retail.identity.command.SesStub;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandApplication;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.discovery.EurekaRegistration;
import com.retail.identity.common.discovery.EurekaSettings;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.testing.Load;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.config.ServiceClientSettings;
import com.retail.identity.verification.core.UserCommand;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two user-command instances registered in Eureka under a VIP of their own, and verification's
 * {@link UserCommandClient} calling them through Ribbon + Hystrix under steady load. One instance
 * (a separate JVM) is killed with SIGKILL: no caller sees an error (a try on the dead instance is
 * retried on the other), and when it is started again it registers and gets traffic again. Requests
 * per instance are counted on each instance's own metrics.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserCommandFailoverIT {
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  private static final String APP_NAME = "IT-FAILOVER-" + SUFFIX;
  private static final String VIP = APP_NAME.toLowerCase();
  private static final String CLIENT = "failover-" + SUFFIX.toLowerCase();
  private static final String KEYS =
      Path.of("target", "it-secrets", "failover-" + SUFFIX + ".jwks").toAbsolutePath().toString();
  private static final String HYSTRIX_TIMEOUT =
      "hystrix.command."
          + UserCommandClient.RECORD_COMMAND
          + ".execution.isolation.thread.timeoutInMilliseconds";

  /**
   * Fast discovery: beats every 3 s, a lapsed lease after 20 s (the server evicts every 5 s), the
   * registry fetched every 3 s. Not faster: the Eureka client cancels a heartbeat or fetch slower
   * than its own period, so 1 s periods on a loaded machine flap the lease and freeze the caller's
   * registry.
   */
  private static Map<String, String> instanceSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("eureka.enabled", "true");
    settings.put("eureka.appName", APP_NAME);
    settings.put("eureka.vipAddress", VIP);
    settings.put("eureka.leaseRenewalSeconds", "3");
    settings.put("eureka.leaseExpirationSeconds", "20");
    settings.put("eureka.registryFetchSeconds", "3");
    settings.put("signingKeyFile", KEYS); // service tokens from one instance are good on the other
    return settings;
  }

  static final DropwizardAppExtension<UserCommandConfiguration> SURVIVOR =
      UserCommandApp.extension(instanceSettings());

  private static final WireMockServer SES = SesStub.start();
  private static Process victim;
  private static int victimPort;
  private static int victimAdminPort;

  @AfterAll
  static void cleanUp() {
    if (victim != null) {
      victim.destroyForcibly();
    }
    SES.stop();
  }

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  /**
   * user-command in a JVM of its own, on fixed ports, so it can be killed and started again on
   * them.
   */
  private static Process startVictim() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("mode", "TEST");
    settings.put("server.applicationConnectors[0].port", Integer.toString(victimPort));
    settings.put("server.adminConnectors[0].port", Integer.toString(victimAdminPort));
    settings.put("logging.level", "WARN");
    settings.put("eureka.serviceUrl", TestStack.eurekaUrl());
    settings.put("cassandra.port", Integer.toString(TestStack.cassandraPort()));
    settings.put("cassandra.keyspace", TestStack.keyspace());
    settings.put("redis.port", Integer.toString(TestStack.redisPort()));
    settings.put("redis.keyPrefix", ItSupport.keyPrefix());
    settings.put("admissionControl", "false");
    // Mode TEST sends email as a deployed test environment does: through SES (here a stub).
    settings.putAll(SesStub.settings(SES));
    settings.putAll(instanceSettings());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-cp",
                System.getProperty("java.class.path")));
    settings.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
    command.addAll(
        List.of(
            UserCommandApplication.class.getName(),
            "server",
            TestStack.localConfigOf("user-command")));
    Path log =
        Files.createDirectories(Path.of("target", "failover"))
            .resolve("victim-" + System.nanoTime() + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .failFast("user-command exited, see " + log, () -> !process.isAlive())
        .until(() -> postsServed(victimAdminPort) >= 0);
    return process;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** POST requests an instance has served, from its own Jetty metrics (admin port). */
  private static long postsServed(int adminPort) throws Exception {
    JsonNode metrics =
        ItSupport.body(
            ItSupport.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build()));
    long posts = 0;
    boolean found = false;
    for (String kind : List.of("timers", "meters")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = metrics.path(kind).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> metric = it.next();
        if (metric.getKey().endsWith(".post-requests")) {
          posts += metric.getValue().path("count").asLong();
          found = true;
        }
      }
    }
    if (!found) {
      throw new IllegalStateException("no *.post-requests metric on admin port " + adminPort);
    }
    return posts;
  }

  @Test
  void
      givenTwoInstancesUnderLoad_whenOneIsKilledAndComesBack_thenCallersSeeNoErrorAndTrafficSpreadsAgain()
          throws Exception {
    // Given a second instance in its own JVM, both registered under the VIP
    victimPort = freePort();
    victimAdminPort = freePort();
    victim = startVictim();
    int survivorAdmin = SURVIVOR.getAdminPort();

    // ... and a caller that finds them through Eureka, with a fast Ribbon refresh and patient
    // timeouts (busy machine)
    operator.turn(CLIENT + ".ribbon.ServerListRefreshInterval", "500");
    operator.turn(CLIENT + ".ribbon.ReadTimeout", "10000");
    operator.turn(HYSTRIX_TIMEOUT, "25000");
    EurekaSettings callerSettings = EurekaSettings.forApp(APP_NAME + "-CALLER");
    callerSettings.setServiceUrl(TestStack.eurekaUrl());
    callerSettings.setRegistryFetchSeconds(3);
    EurekaRegistration caller = new EurekaRegistration(callerSettings, "/healthcheck");
    caller.register(freePort(), -1);
    try (ServiceClient ribbon = new ServiceClient(CLIENT, caller, VIP)) {
      // Eureka's registry converges slowly on a busy machine (the second instance's lease, the
      // caller's fetch)
      try {
        await()
            .atMost(Duration.ofSeconds(150))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  ribbon.refreshServerList();
                  return ribbon.getReachableServers().size() == 2;
                });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "Ribbon lists "
                + ribbon.getReachableServers()
                + "; the caller's registry "
                + callerView(caller)
                + "; Eureka lists "
                + registered(),
            e);
      }
      UserCommandClient userCommand =
          new UserCommandClient(ribbon, new ServiceClientSettings(), Clock.systemUTC());
      List<UUID> users = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        users.add(UUID.fromString(ItSupport.customer(SURVIVOR.getLocalPort()).userId()));
      }
      long survivorBefore = postsServed(survivorAdmin);

      try (Load load =
          Load.start(
              "failover",
              3,
              (client, i, l) -> {
                UUID user = users.get((int) ((client * 7 + i) % users.size()));
                UserCommand.Recorded recorded =
                    userCommand.recordPhoneVerified(
                        user, UUID.randomUUID().toString(), "+4915112345678");
                l.tally("phone-verified", recorded);
                if (recorded != UserCommand.Recorded.RECORDED) {
                  l.violation("phone-verified answered " + recorded);
                }
              })) {
        // When both serve the load
        load.until(
            Duration.ofSeconds(120),
            l -> served(victimAdminPort) >= 10 && served(survivorAdmin) - survivorBefore >= 10);

        // And one is killed (no deregistration: Eureka and Ribbon learn it from failed calls and
        // the lapsed lease)
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long survivorAtKill = postsServed(survivorAdmin);
        load.phase("killed");
        load.until(
            Duration.ofSeconds(120), l -> l.count("killed", "phone-verified", "RECORDED") >= 60);
        // every call answered since is the survivor's (but those of the 3 clients already in
        // flight); its metrics count a request only after the answer left, so they may trail the
        // callers' count by a moment
        long recordedSinceKill = load.count("killed", "phone-verified", "RECORDED");
        await("the survivor took the traffic")
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(postsServed(survivorAdmin) - survivorAtKill)
                        .as("the survivor took the traffic")
                        .isGreaterThanOrEqualTo(recordedSinceKill - 3));

        // And it comes back on the same port, registering again
        load.phase("back");
        victim = startVictim();
        load.until(Duration.ofSeconds(120), l -> served(victimAdminPort) >= 10);
        long survivorBack = postsServed(survivorAdmin);
        load.until(Duration.ofSeconds(120), l -> served(survivorAdmin) - survivorBack >= 10);
        load.close();

        // Then no caller saw an error, and each instance served its share again
        assertThat(load.violations()).as("errors callers saw; counts %s", load.counts()).isEmpty();
        System.out.printf(
            "Failover under load: %s; survivor served %d POSTs, the restarted instance %d%n",
            load.counts(),
            postsServed(survivorAdmin) - survivorBefore,
            postsServed(victimAdminPort));
      }
    } finally {
      caller.stop();
    }
  }

  /** What the caller's own Eureka client holds for the app, for a failure message. */
  private static String callerView(EurekaRegistration caller) {
    DiscoveryClient client = (DiscoveryClient) caller.getEurekaClient();
    Application app = client.getApplication(APP_NAME);
    return (app == null ? "has no " + APP_NAME : "holds " + instancesOf(app.getInstances()))
        + ", last fetched "
        + client.getLastSuccessfulRegistryFetchTimePeriod()
        + " ms ago";
  }

  private static List<String> instancesOf(List<InstanceInfo> instances) {
    return instances.stream().map(i -> i.getPort() + " " + i.getStatus()).toList();
  }

  /** What the registry itself holds for the app, for a failure message. */
  private static String registered() {
    try {
      List<String> listed = new ArrayList<>();
      for (JsonNode instance : TestStack.eurekaInstances(APP_NAME)) {
        listed.add(
            instance.path("port").path("$").asText() + " " + instance.path("status").asText());
      }
      return listed.toString();
    } catch (Exception e) {
      return "(registry unreadable: " + e + ")";
    }
  }

  private static long served(int adminPort) {
    try {
      return postsServed(adminPort);
    } catch (Exception e) {
      return -1;
    }
  }
}
