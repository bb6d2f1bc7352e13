package com.retail.identity.loadtest;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Bot flood: the launch mix at {@code lt.rate} (R) for the whole run; after {@code lt.baseline}
 * seconds of legitimate traffic alone (its no-bot baseline, class {@code legit-baseline}), bots at
 * {@code lt.botFactor} x R join for {@code lt.duration} seconds (class {@code legit} for the
 * legitimate traffic from then on, {@code bot} for the bots).
 */
public class BotFloodSimulation extends BaseSimulation {
  {
    int ramp = Settings.rampUp();
    int baseline = Settings.baseline();
    int duration = Settings.duration();
    double rate = Settings.rate();
    double botRate = rate * Settings.botFactor();
    Phase.start(ramp, baseline);
    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(
        scenario("legit")
            .exec(Chains.launchMix("legit"))
            .injectOpen(
                rampUsersPerSec(Math.min(1, rate)).to(rate).during(Math.max(1, ramp)),
                constantUsersPerSec(rate).during(baseline + duration)));
    populations.add(
        scenario("bots")
            .exec(Chains.bots())
            .injectOpen(
                nothingFor(ramp + baseline),
                rampUsersPerSec(1).to(botRate).during(5),
                constantUsersPerSec(botRate).during(Math.max(1, duration - 5))));
    if (Settings.searches()) {
      populations.add(LaunchMixSimulation.adminRefresher(ramp + baseline + duration));
    }
    setUp(populations).protocols(Chains.protocol());
  }
}
