package com.retail.identity.replayer.core;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.readmodel.core.EventLog;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.readmodel.core.ProjectionMetrics;
import com.retail.identity.readmodel.core.ProjectionState;
import com.retail.identity.readmodel.core.ProjectionTarget;
import com.retail.identity.readmodel.core.ProjectionTuning;
import com.retail.identity.readmodel.core.Projector;
import com.retail.identity.readmodel.core.UserStreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;

/**
 * Runs the projector user-query runs live over the log, from a start, until it has caught up with
 * now: a read model rebuilt with exactly the fold and the version-guarded writes of the live one,
 * under a projection name of its own (its own checkpoint and lease), so a stopped rebuild resumes.
 */
public final class Replay {
  private final EventLog log;
  private final UserStreams streams;
  private final ProfileFolder folder;
  private final ProjectionState state;
  private final ExecutorService folds;
  private final Clock clock;
  private final Instant start;
  private final int batch;
  private final long stopAfter;
  private final String owner;
  private final Progress.Reports progress;

  /**
   * @param batch events per page
   * @param stopAfter stop (checkpoint saved) after this many events; 0: run until caught up
   * @param owner who holds the projection's lease while it runs
   */
  public Replay(
      EventLog log,
      UserStreams streams,
      ProfileFolder folder,
      ProjectionState state,
      ExecutorService folds,
      Clock clock,
      Instant start,
      int batch,
      long stopAfter,
      String owner,
      Progress.Reports progress) {
    this.log = log;
    this.streams = streams;
    this.folder = folder;
    this.state = state;
    this.folds = folds;
    this.clock = clock;
    this.start = start;
    this.batch = batch;
    this.stopAfter = stopAfter;
    this.owner = owner;
    this.progress = progress;
  }

  /**
   * Whether a run that projected {@code events} stopped early (--stop-after) rather than caught up.
   */
  public boolean stoppedEarly(long events) {
    return stopAfter > 0 && events >= stopAfter;
  }

  /**
   * Projects the log into {@code target} until caught up (or stopped early); returns the events
   * projected.
   */
  public long run(ProjectionTarget target, String task) {
    ProjectionMetrics metrics = new ProjectionMetrics(new MetricRegistry(), target.name());
    Duration lookback = Duration.between(start, clock.instant()).plusMinutes(1);
    Projector projector =
        new Projector(
            target,
            log,
            streams,
            folder,
            state,
            ProjectionTuning.fixed(0, batch, 10, 5, 30),
            metrics,
            folds,
            clock,
            lookback,
            owner);
    long total = Math.max(1, lookback.toSeconds());
    try (Progress bar = progress.start(task, total, "s of log")) {
      Projector.Step step;
      int standby = 0;
      do {
        step = projector.runOnce();
        if (projector.isLeader()) {
          bar.stepTo(Math.max(0, total - projector.behindMillis() / 1000));
        }
        if (step == Projector.Step.FAILED || step == Projector.Step.STANDBY) {
          if (step == Projector.Step.STANDBY && ++standby > 200) {
            throw new IllegalStateException("another replayer holds the lease of " + target.name());
          }
          sleep(step == Projector.Step.FAILED ? 1000 : 200);
        }
      } while (step != Projector.Step.IDLE
          && (stopAfter <= 0 || metrics.projectedCount() < stopAfter));
      bar.stepTo(total);
    } finally {
      projector.stop();
    }
    return metrics.projectedCount();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
