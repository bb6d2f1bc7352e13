package com.retail.identity.loadtest;

import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads the population, starts the phase clock, and writes recorder.json when the run ends. */
abstract class BaseSimulation extends Simulation {
  protected final Population population;

  BaseSimulation() {
    Recorder.reset();
    population = Population.load();
  }

  @Override
  public void after() {
    try {
      System.out.println(
          "recorder: "
              + Recorder.write(Settings.outDir(), Settings.describe(getClass().getSimpleName())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
