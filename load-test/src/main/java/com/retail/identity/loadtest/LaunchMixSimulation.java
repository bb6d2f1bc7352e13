package com.retail.identity.loadtest;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Launch mix, open model: {@code lt.rate} operations per second (20% registrations, 70% logins of
 * seeded accounts, 10% profile reads and admin searches) for {@code lt.duration} seconds after a
 * {@code lt.rampUp} ramp. The soak is the same simulation with a long duration (bench soak).
 */
public class LaunchMixSimulation extends BaseSimulation {
  {
    int ramp = Settings.rampUp();
    int duration = Settings.duration();
    double rate = Settings.rate();
    Phase.start(ramp, 0);
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (ramp > 0) {
      steps.add(rampUsersPerSec(Math.min(1, rate)).to(rate).during(ramp));
    }
    steps.add(constantUsersPerSec(rate).during(duration));
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(scenario("legit").exec(Chains.launchMix("legit")).injectOpen(steps));
    if (Settings.searches()) {
      populations.add(adminRefresher(ramp + duration));
    }
    setUp(populations).protocols(Chains.protocol());
  }

  /**
   * One virtual user that logs the admin in every 10 minutes (tokens live 15), for searches in long
   * runs.
   */
  static PopulationBuilder adminRefresher(int seconds) {
    return scenario("admin")
        .exec(s -> s.set("adminAt", 0L))
        .during(seconds)
        .on(
            doIf(s -> System.currentTimeMillis() - s.getLong("adminAt") > 600_000)
                .then(
                    exec(Chains.adminLogin())
                        .exec(s -> s.set("adminAt", System.currentTimeMillis())))
                .pause(1))
        .injectOpen(atOnceUsers(1));
  }
}
