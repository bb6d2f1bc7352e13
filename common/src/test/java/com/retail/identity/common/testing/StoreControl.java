package com.retail.identity.common.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  public static boolean running(String store) {
    return exec("status", store) == 0;
  }

  private static void run(String command, String store) {
    int exit = exec(command, store);
    if (exit != 0) {
      throw new IllegalStateException("stores " + command + " " + store + " exited " + exit);
    }
  }

  private static int exec(String command, String store) {
    if (System.getenv("STACK_RUN_DIR") == null) {
      throw new IllegalStateException("STACK_RUN_DIR is not set: fault tests run under ./platform test");
    }
    try {
      File log = Files.createTempFile("stores-" + command, ".log").toFile();
      Process process = new ProcessBuilder(script().toString(), command, store)
          .redirectErrorStream(true)
          .redirectOutput(log)
          .start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("stores " + command + " " + store + " did not finish in 180 s");
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
    throw new IllegalStateException("local-stack/bin/stores not found above " + Path.of("").toAbsolutePath());
  }
}
