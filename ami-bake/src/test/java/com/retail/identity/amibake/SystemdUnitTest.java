package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The systemd unit every service runs under, and the log rotation beside it. */
class SystemdUnitTest {
  static final List<String> SERVICES = Repo.SERVICES;
  private static final String UNIT =
      Repo.read(Repo.BAKE.resolve("files/systemd/identity-service.service"));
  private static final String DRAIN = Repo.read(Repo.BAKE.resolve("files/bin/eureka-drain"));

  private static List<String> values(String key) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(UNIT);
    while (m.find()) {
      values.add(m.group(1).strip());
    }
    return values;
  }

  private static String value(String key) {
    List<String> values = values(key);
    assertThat(values).as(key + "= appears once").hasSize(1);
    return values.get(0);
  }

  @Test
  void runsAsTheDedicatedNonLoginUser() {
    assertThat(value("User")).isEqualTo("@SERVICE@");
    assertThat(value("Group")).isEqualTo("@SERVICE@");
    assertThat(Repo.read(Repo.BAKE.resolve("scripts/install-runtime.sh")))
        .contains("useradd --system")
        .contains("--shell /usr/sbin/nologin");
  }

  @Test
  void restartsOnFailureWithEnoughFileDescriptors() {
    assertThat(value("Restart")).isEqualTo("on-failure");
    assertThat(Long.parseLong(value("LimitNOFILE"))).isGreaterThanOrEqualTo(65536);
    assertThat(value("SuccessExitStatus")).as("a SIGTERM'd JVM exits 143").contains("143");
  }

  @Test
  void readsEnvironmentFromUserDataAtBootAndRunsTheBakedJar() {
    assertThat(value("ExecStartPre")).isEqualTo("+/opt/identity/bin/boot-env @SERVICE@");
    assertThat(values("EnvironmentFile"))
        .containsExactly("/etc/@SERVICE@/service.env", "-/run/@SERVICE@/service.env");
    assertThat(value("ExecStart"))
        .isEqualTo(
            "/usr/bin/java $JAVA_OPTS -jar /opt/@SERVICE@/@SERVICE@.jar server /etc/@SERVICE@/production.yml");
  }

  /**
   * The JVM heap comes from the instance's memory in boot-env, never from a number in the unit or
   * the image.
   */
  @Test
  void heapIsNotHardCoded() {
    assertThat(UNIT).doesNotContainPattern("-Xm[sx][0-9]");
    assertThat(Repo.read(Repo.BAKE.resolve("files/bin/boot-env")))
        .contains("MemTotal")
        .contains("-Xmx${heap_mib}m");
  }

  /**
   * Graceful stop that deregisters first: ExecStop marks the instance OUT_OF_SERVICE in Eureka and
   * waits for callers to notice; only then does systemd send SIGTERM, and Dropwizard drains
   * in-flight requests for shutdownGracePeriod. Each phase must fit in TimeoutStopSec.
   */
  @Test
  void stopDeregistersFromEurekaBeforeTheJvmStops() {
    assertThat(value("ExecStop")).isEqualTo("/opt/identity/bin/eureka-drain @SERVICE@");
    assertThat(value("KillSignal")).isEqualTo("SIGTERM");
    assertThat(DRAIN).contains("status?value=OUT_OF_SERVICE");
    long timeoutStop = Long.parseLong(value("TimeoutStopSec"));
    Matcher drain = Pattern.compile("EUREKA_DRAIN_SECONDS:-(\\d+)").matcher(DRAIN);
    assertThat(drain.find()).isTrue();
    assertThat(Long.parseLong(drain.group(1)) + 10)
        .as("drain wait + curl time")
        .isLessThanOrEqualTo(timeoutStop);
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void shutdownGracePeriodFitsInTheStopTimeout(String service) {
    Matcher grace =
        Pattern.compile("(?m)^  shutdownGracePeriod: (\\d+)s$")
            .matcher(Repo.read(Repo.productionYml(service)));
    assertThat(grace.find())
        .as(service + " production.yml sets server.shutdownGracePeriod in seconds")
        .isTrue();
    Duration gracePeriod = Duration.ofSeconds(Long.parseLong(grace.group(1)));
    assertThat(gracePeriod.plusSeconds(15))
        .isLessThanOrEqualTo(Duration.ofSeconds(Long.parseLong(value("TimeoutStopSec"))));
  }

  /** Every log file the service writes is rotated. */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void logRotationCoversTheFilesProductionYmlWrites(String service) {
    String logrotate =
        Repo.read(Repo.BAKE.resolve("files/logrotate/identity-service"))
            .replace("@SERVICE@", service);
    Matcher files =
        Pattern.compile("currentLogFilename: (\\S+)")
            .matcher(Repo.read(Repo.productionYml(service)));
    int count = 0;
    while (files.find()) {
      count++;
      assertThat(files.group(1)).startsWith("/var/log/" + service + "/");
      assertThat(logrotate).contains(files.group(1));
    }
    assertThat(count)
        .as("file appenders in " + service + " production.yml")
        .isGreaterThanOrEqualTo(2);
    assertThat(logrotate)
        .contains("su " + service + " " + service)
        .containsPattern("maxsize \\d+M")
        .contains("rotate ");
    assertThat(value("LogsDirectory")).isEqualTo("@SERVICE@");
  }
}
