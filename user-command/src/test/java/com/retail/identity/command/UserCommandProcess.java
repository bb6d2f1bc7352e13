package com.retail.identity.command;

import com.retail.identity.common.testing.TestStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * user-command as a separate OS process: the packaged jar with its {@code lib/}, started with
 * {@code server config/local.yml} as {@code local-stack/bin/services} starts it, pointed at the
 * test stack through the same environment variables, plus {@code -Ddw.*} settings. It keeps its
 * ports and signing keys across restarts, so clients and tokens outlive a {@link #kill9()}. Its
 * output goes to this JVM's standard output, where the test's output file (and the secret scan)
 * finds it.
 */
public final class UserCommandProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> settings = new ArrayList<>();
  private final int port;
  private final int adminPort;
  private final HttpClient health =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Deque<String> lastLines = new ArrayDeque<>();
  private Process process;

  private UserCommandProcess(String keyspace, Map<String, String> dwSettings) {
    this.port = freePort();
    this.adminPort = freePort();
    environment.put("IDENTITY_MODE", "LOCAL");
    environment.put("USER_COMMAND_PORT", Integer.toString(port));
    environment.put("USER_COMMAND_ADMIN_PORT", Integer.toString(adminPort));
    environment.put("CASSANDRA_PORT", Integer.toString(TestStack.cassandraPort()));
    environment.put("CASSANDRA_KEYSPACE", keyspace);
    environment.put("REDIS_PORT", Integer.toString(TestStack.redisPort()));
    environment.put(
        "REDIS_KEY_PREFIX", TestStack.env("REDIS_KEY_PREFIX", "it:manual:") + keyspace + ":");
    environment.put("EUREKA_ENABLED", "false");
    environment.put("KNOB_FILE", "");
    environment.put(
        "SIGNING_KEY_FILE",
        Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath().toString());
    // Tests drive many accounts from one address: no rate limits, proof of work or full hash cost.
    environment.put("ADMISSION_CONTROL", "false");
    environment.put("BENCH_HASHING", "true");
    dwSettings.forEach((key, value) -> settings.add("-Ddw." + key + "=" + value));
  }

  /**
   * Not started yet: {@link #start()} launches it. {@code dwSettings} override the configuration
   * (e.g. {@code reservations.abandonedAfter}).
   */
  public static UserCommandProcess onTestStack(String keyspace, Map<String, String> dwSettings) {
    TestStack.requireListening("Cassandra", TestStack.cassandraPort());
    return new UserCommandProcess(keyspace, dwSettings);
  }

  public int port() {
    return port;
  }

  public int adminPort() {
    return adminPort;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Launches the jar and waits until its admin health check answers 200; returns how long that
   * took.
   */
  public Duration start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(
          "user-command is already running (pid " + process.pid() + ")");
    }
    long started = System.nanoTime();
    Path jar = packagedJar();
    // The flags of local-stack/bin/services, except a smaller heap and C1 only with the serial
    // collector:
    // a test restarts it several times on a busy machine, where start time matters and peak speed
    // does not.
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(settings);
    command.addAll(
        List.of("-jar", jar.toString(), "server", TestStack.localConfigOf("user-command")));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar, e);
    }
    Process launched = process;
    // A test JVM that ends without close() (a timeout, an interrupted build) leaves no orphan
    // behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(launched::destroyForcibly, "user-command-orphan-guard-" + launched.pid()));
    pump(process);
    awaitHealthy(process);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * SIGKILL to the pid this object started (no shutdown hook, no flush), then waits for the exit.
   */
  public long kill9() {
    long pid = process.pid();
    process.destroyForcibly(); // SIGKILL on Linux
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("user-command (pid " + pid + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return pid;
  }

  /** Stops it as an operator would (SIGTERM), forcibly after 20 s. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy(Process started) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!started.isAlive()) {
        throw new IllegalStateException(
            "user-command exited "
                + started.exitValue()
                + " while starting; last output:\n"
                + lastOutput());
      }
      try {
        if (health.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "user-command (pid "
            + started.pid()
            + ") not healthy after "
            + START_TIMEOUT
            + "; last output:\n"
            + lastOutput());
  }

  private void pump(Process started) {
    String prefix = "[user-command pid " + started.pid() + "] ";
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  System.out.println(prefix + line);
                  synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 40) {
                      lastLines.removeFirst();
                    }
                  }
                }
              } catch (IOException ended) {
                // the process is gone
              }
            },
            "user-command-output-" + started.pid());
    thread.setDaemon(true);
    thread.start();
  }

  private String lastOutput() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  /**
   * {@code user-command/target/user-command.jar}, which the package phase builds before any
   * integration test.
   */
  private static Path packagedJar() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve("user-command").resolve("target").resolve("user-command.jar");
      if (Files.isRegularFile(jar) && Files.isDirectory(jar.resolveSibling("lib"))) {
        return jar;
      }
    }
    throw new IllegalStateException(
        "user-command/target/user-command.jar (with lib/) not found above "
            + Path.of("").toAbsolutePath()
            + ": build the user-command module first (mvn package)");
  }

  private static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sleeps, keeping the interrupt: for tests that pace themselves. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
