package com.retail.identity.command.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;

/**
 * CPU per password-strength estimate: nbvcxz's default configuration against the one registration
 * uses. A measurement, not a test (no assertions; surefire does not pick it up). Run after {@code
 * mvn -o -q test-compile -pl user-command -am}:
 *
 * <pre>
 * M2=$HOME/.m2/repository; java -cp user-command/target/test-classes:user-command/target/classes:$M2/me/gosimple/nbvcxz/1.5.1/nbvcxz-1.5.1.jar:$M2/com/googlecode/libphonenumber/libphonenumber/9.0.19/libphonenumber-9.0.19.jar \
 *   com.retail.identity.command.core.PasswordStrengthRate [rounds]
 * </pre>
 */
public final class PasswordStrengthRate {
  private PasswordStrengthRate() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    List<String> passwords =
        new ArrayList<>(
            List.of(
                "password",
                "Password1",
                "iloveyou123",
                "P@ssw0rd1!",
                "qwerty123456",
                "Summer2024!",
                "violet-Harbor-93-lantern!",
                "correct-horse-battery-9Q",
                "x7#Vq2!mLp9z"));
    for (int i = 0; i < 20; i++) {
      passwords.add(
          "lantern-Kestrel-" + i * 7919 + "-Harbor!"); // the load test's sign-up passwords
    }
    measure(
        "nbvcxz default",
        new Nbvcxz(new ConfigurationBuilder().createConfiguration()),
        passwords,
        rounds);
    measure(
        "registration", new Nbvcxz(RegistrationRules.strengthConfiguration()), passwords, rounds);
  }

  private static void measure(String name, Nbvcxz estimator, List<String> passwords, int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < rounds / 2; i++) {
      estimator.estimate(passwords.get(i % passwords.size()));
    }
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      estimator.estimate(passwords.get(i % passwords.size()));
    }
    double perEstimate = (threads.getCurrentThreadCpuTime() - start) / 1e6 / rounds;
    System.out.printf(
        "%-16s %.3f ms CPU per estimate (%d estimates after %d warm-up)%n",
        name, perEstimate, rounds, rounds / 2);
  }
}
