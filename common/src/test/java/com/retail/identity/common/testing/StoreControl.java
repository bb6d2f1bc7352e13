package com.retail.identity.common.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts one store of the running test stack, through the same script that started it,
 * for tests of what customers see while a store is down.
 */
public final class StoreControl {
  private StoreControl() {}

  public static void stop(String store) {
    run("stop", store);
  }

  /** Starts the store unless it is already running. */
  public static void start(String store) {
    if (!running(store)) {
      run("start", store);
    }
  }

  /**
   * Starts, together, those of the stores (or ring nodes, {@code cassandra-N}) that are not
   * running.
   */
  public static void startMissing(List<String> stores) {
    List<String> missing = stores.stream().filter(store -> !running(store)).toList();
    if (!missing.isEmpty()) {
      run("start", missing.toArray(String[]::new));
    }
  }

  /** SIGKILL, as a crash would: no flush, no goodbye to the ring's gossip. */
  public static void kill(String... stores) {
    run("kill", stores);
  }

  public static boolean running(String store) {
    return exec("status", store) == 0;
  }

  private static void run(String command, String... stores) {
    int exit = exec(command, stores);
    if (exit != 0) {
      throw new IllegalStateException(
          "stores " + command + " " + String.join(" ", stores) + " exited " + exit);
    }
  }

  private static int exec(String command, String... stores) {
    if (System.getenv("STACK_RUN_DIR") == null) {
      throw new IllegalStateException(
          "STACK_RUN_DIR is not set: fault tests run under ./platform test");
    }
    try {
      File log = Files.createTempFile("stores-" + command, ".log").toFile();
      List<String> commandLine = new ArrayList<>(List.of(script().toString(), command));
      commandLine.addAll(List.of(stores));
      Process process =
          new ProcessBuilder(commandLine).redirectErrorStream(true).redirectOutput(log).start();
      if (!process.waitFor(240, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "stores " + command + " " + String.join(" ", stores) + " did not finish in 240 s");
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run the stores script", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("local-stack/bin/stores");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "local-stack/bin/stores not found above " + Path.of("").toAbsolutePath());
  }
}
