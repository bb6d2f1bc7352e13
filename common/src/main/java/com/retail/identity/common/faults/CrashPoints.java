package com.retail.identity.common.faults;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named points between two writes of one command, where a process could die. Production code marks
 * them with {@link #reached}; nothing happens unless a test has armed the point, in which case the
 * calling thread stops there as if the process had died: it throws {@link Crash}, an {@link Error}
 * that no cleanup code catches, so no later write of that command is made.
 */
public final class CrashPoints {
  private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();
  private static volatile boolean anyArmed;

  private CrashPoints() {}

  public static void reached(String point) {
    if (anyArmed && ARMED.remove(point)) {
      anyArmed = !ARMED.isEmpty();
      throw new Crash(point);
    }
  }

  /** The next thread to reach {@code point} stops there (once). */
  public static void arm(String point) {
    ARMED.add(point);
    anyArmed = true;
  }

  /** Still armed: no thread has reached it since. */
  public static boolean isArmed(String point) {
    return ARMED.contains(point);
  }

  public static void disarmAll() {
    ARMED.clear();
    anyArmed = false;
  }

  /** A simulated process death at a crash point. */
  public static final class Crash extends Error {
    public Crash(String point) {
      super("simulated crash at " + point, null, false, false);
    }
  }
}
