package com.retail.identity.amibake;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (packer, shellcheck, bash) and fails, never skips, when it is not
 * installed.
 */
final class Tool {
  /** Tool name to the Debian package that provides it. */
  private static final Map<String, String> PACKAGES =
      Map.of("packer", "packer", "shellcheck", "shellcheck", "bash", "bash", "curl", "curl");

  record Result(int exitCode, String output) {}

  private Tool() {}

  static Result run(Path workDir, Map<String, String> env, List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String tool = command.get(0);
      String pkg = PACKAGES.getOrDefault(tool, tool);
      return fail(
          tool
              + " is not installed ("
              + e.getMessage()
              + "): install the Debian package '"
              + pkg
              + "' (apt-get install -y "
              + pkg
              + "); ./platform test installs it before the tests");
    }
    try {
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail(String.join(" ", command) + " did not finish in 120 s");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return fail("reading the output of " + command + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted running " + command);
    }
  }

  static Result run(Path workDir, List<String> command) {
    return run(workDir, Map.of(), command);
  }
}
