package com.retail.identity.replayer.core;

/** How far a long task has come, for the operator watching it (a progress bar on a terminal). */
public interface Progress extends AutoCloseable {
  void stepBy(long units);

  void stepTo(long units);

  @Override
  void close();

  /** Starts the report of one task: its name, how many units it has, and what a unit is. */
  @FunctionalInterface
  interface Reports {
    Progress start(String task, long total, String unit);
  }
}
