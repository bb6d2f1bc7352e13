package com.retail.identity.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;

/**
 * Closed model, for the hash-bound figures: {@code lt.concurrency} clients (8 by default, as in the
 * peer comparison) each sending one request after the other, one phase after the other ({@code
 * lt.phases}, e.g. {@code register,login}: registrations only, then logins only), each for {@code
 * lt.duration} seconds after a {@code lt.rampUp} warm-up recorded apart.
 */
public class CapacitySimulation extends BaseSimulation {
  {
    int clients = Settings.concurrency();
    int duration = Settings.duration();
    int warm = Math.max(1, Settings.rampUp());
    java.util.List<PopulationBuilder> steps = new java.util.ArrayList<>();
    for (String phase : Settings.phases().split(",")) {
      String name = phase.strip();
      ChainBuilder work =
          switch (name) {
            case "register" -> Chains.register("capacity", "cap");
            case "login" -> Chains.login("capacity");
            default ->
                throw new IllegalArgumentException("unknown phase " + name + " (register, login)");
          };
      // Warm-up users are recorded as "warmup", the measured ones as "legit".
      PopulationBuilder warmup =
          scenario(name + "-warmup")
              .exec(exec(s -> s.set("cls", "warmup").set("xff", Chains.legitAddress())).exec(work))
              .injectClosed(constantConcurrentUsers(clients).during(warm));
      PopulationBuilder measured =
          scenario(name)
              .exec(exec(s -> s.set("cls", "legit").set("xff", Chains.legitAddress())).exec(work))
              .injectClosed(constantConcurrentUsers(clients).during(duration));
      steps.add(warmup);
      steps.add(measured);
    }
    // One after the other: warm-up 1 -> phase 1 -> warm-up 2 -> phase 2 ...
    PopulationBuilder chain = steps.get(steps.size() - 1);
    for (int i = steps.size() - 2; i >= 0; i--) {
      chain = steps.get(i).andThen(chain);
    }
    setUp(chain).protocols(Chains.protocol());
  }
}
