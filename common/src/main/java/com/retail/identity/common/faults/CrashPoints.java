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
  private static final Set<String> LOSING = ConcurrentHashMap.newKeySet();
  private static volatile boolean anyArmed;

  private CrashPoints() {}

  public static void reached(String point) {
    if (anyArmed && ARMED.remove(point)) {
      anyArmed = !ARMED.isEmpty();
      if (LOSING.remove(point)) {
        throw new LostAnswer(point);
      }
      throw new Crash(point);
    }
  }

  /** The next thread to reach {@code point} stops there (once). */
  public static void arm(String point) {
    ARMED.add(point);
    anyArmed = true;
  }

  /**
   * The next thread to reach {@code point} fails there as a store's time-out does: the writes
   * before it landed but their caller never heard so ({@link LostAnswer}, a {@link
   * RuntimeException} the command's own cleanup sees and the edge answers as a store time-out).
   */
  public static void loseAnswerAt(String point) {
    LOSING.add(point);
    arm(point);
  }

  /** Still armed: no thread has reached it since. */
  public static boolean isArmed(String point) {
    return ARMED.contains(point);
  }

  public static void disarmAll() {
    ARMED.clear();
    LOSING.clear();
    anyArmed = false;
  }

  /** A simulated process death at a crash point. */
  public static final class Crash extends Error {
    public Crash(String point) {
      super("simulated crash at " + point, null, false, false);
    }
  }

  /** A simulated store time-out at a crash point: the writes before it landed, unanswered. */
  public static final class LostAnswer extends RuntimeException {
    public LostAnswer(String point) {
      super("simulated time-out at " + point, null, false, false);
    }
  }
}
