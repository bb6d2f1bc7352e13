package com.retail.identity.readmodel.core;

import com.retail.identity.common.events.LogEntry;
import com.retail.identity.common.events.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the event log from a checkpoint and keeps one read model ({@link ProjectionTarget}) equal
 * to the fold of each user's stream. The same class serves user-query and the event-replayer.
 *
 * <p>How it stays exact:
 *
 * <ul>
 *   <li><b>One runner</b>: a pass runs only while this instance holds the projection's lease
 *       ({@link ProjectionState}); the checkpoint write is fenced by it.
 *   <li><b>Idempotent, version-guarded</b>: for a user with new events it folds the user's whole
 *       stream (the source of truth) and writes the result at the stream's version; the store
 *       refuses a version it already has or has passed. Replays, the late-event window and a second
 *       runner therefore change nothing.
 *   <li><b>Late events</b>: an event whose time-based id is older than the checkpoint (a slow or
 *       skewed writer) is found by re-reading a window behind the checkpoint every few seconds, and
 *       on every takeover. Even later events are still reflected by the user's next event, because
 *       every write folds the whole stream.
 *   <li><b>Nothing lost</b>: the checkpoint advances only past events whose writes succeeded; a
 *       failed pass (a store down) is retried from the same position with a growing pause.
 * </ul>
 */
public final class Projector {
  private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
  private static final int KNOWN_VERSIONS = 100_000;
  private static final Duration SAVE_EVERY = Duration.ofSeconds(1);

  /** What one {@link #runOnce()} did. */
  public enum Step {
    STANDBY,
    PAUSED,
    IDLE,
    MORE,
    FAILED
  }

  private final ProjectionTarget target;
  private final EventLog log;
  private final UserStreams events;
  private final ProfileFolder folder;
  private final ProjectionState state;
  private final ProjectionTuning tuning;
  private final ProjectionMetrics metrics;
  private final ExecutorService foldPool;
  private final Clock clock;
  private final Duration initialLookback;
  private final String owner;
  private final Object sleeper = new Object();

  /** Versions this runner knows the store holds: skips replays without a store round trip. */
  private final Map<UUID, Long> known =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
          return size() > KNOWN_VERSIONS;
        }
      };

  /** Entries read before their stream write landed: looked at again on each sweep, for a while. */
  private final AwaitedEntries awaited;

  // Loop state: touched by one thread at a time (the loop, or a caller of runOnce).
  private UUID position;
  private Instant lastSweep;
  private Instant lastSave;
  private Instant leaseValidUntil;
  private boolean prepared;

  private volatile boolean leader;
  private volatile Instant positionTime;
  private volatile boolean running;
  private Thread thread;

  public Projector(
      ProjectionTarget target,
      EventLog log,
      UserStreams events,
      ProfileFolder folder,
      ProjectionState state,
      ProjectionTuning tuning,
      ProjectionMetrics metrics,
      ExecutorService foldPool,
      Clock clock,
      Duration initialLookback,
      String owner) {
    this.target = target;
    this.log = log;
    this.events = events;
    this.folder = folder;
    this.state = state;
    this.tuning = tuning;
    this.metrics = metrics;
    this.foldPool = foldPool;
    this.clock = clock;
    this.initialLookback = initialLookback;
    this.owner = owner;
    this.awaited = new AwaitedEntries();
    metrics.bind(() -> leader ? 1 : 0, this::behindMillis);
  }

  public String name() {
    return target.name();
  }

  public boolean isLeader() {
    return leader;
  }

  /** How far the checkpoint is behind now (0 when this instance does not run the projection). */
  public long behindMillis() {
    Instant at = positionTime;
    return !leader || at == null ? 0 : Math.max(0, clock.millis() - at.toEpochMilli());
  }

  public ProjectionMetrics metrics() {
    return metrics;
  }

  /** Runs {@link #runOnce()} in a loop on its own thread until {@link #stop()}. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "projector-" + name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the loop, saves the checkpoint and hands the lease over at once. */
  public synchronized void stop() {
    if (running) {
      running = false;
      synchronized (sleeper) {
        sleeper.notifyAll();
      }
      try {
        thread.join(Duration.ofSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (leader) {
      try {
        state.save(name(), owner, position, leaseTtl());
        state.release(name(), owner);
      } catch (RuntimeException e) {
        LOG.warn(
            "Projection {}: could not hand the lease over on stop ({}); it expires by itself",
            name(),
            e.toString());
      }
      leader = false;
    }
  }

  private void loop() {
    long backoff = 0;
    while (running) {
      Step step = runOnce();
      long pause;
      switch (step) {
        case MORE -> pause = 0;
        case FAILED -> pause = backoff = Math.min(5000, Math.max(200, backoff * 2));
        case STANDBY -> pause = Math.max(200, Math.min(1000, leaseTtl().toMillis() / 3));
        default -> pause = tuning.pollMillis().getAsInt();
      }
      if (step != Step.FAILED) {
        backoff = 0;
      }
      if (pause > 0) {
        synchronized (sleeper) {
          try {
            if (running) {
              sleeper.wait(pause);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /**
   * One step: take or keep the lease, then project the next page of the log (and, when due, the
   * late-event window behind the checkpoint). Never throws; failures are counted and logged.
   */
  public Step runOnce() {
    try {
      if (tuning.paused().getAsBoolean()) {
        if (leader) {
          state.save(name(), owner, position, leaseTtl());
          state.release(name(), owner);
          leader = false;
          LOG.info("Projection {} paused by knob: lease released", name());
        }
        return Step.PAUSED;
      }
      if (!leader && !takeLease()) {
        return Step.STANDBY;
      }
      if (!prepared) {
        target.prepare();
        prepared = true;
      }
      return pass() ? Step.MORE : Step.IDLE;
    } catch (LeaseLost e) {
      leader = false;
      LOG.warn("Projection {}: lease lost to another instance; standing by", name());
      return Step.STANDBY;
    } catch (RuntimeException e) {
      metrics.failure();
      LOG.warn(
          "Projection {} pass failed at {} (will retry from there): {}",
          name(),
          position,
          describe(e));
      return Step.FAILED;
    }
  }

  private boolean takeLease() {
    Instant now = clock.instant();
    Duration ttl = leaseTtl();
    if (!state.acquire(name(), owner, ttl)) {
      return false;
    }
    position =
        state.checkpoint(name()).orElseGet(() -> log.positionBefore(now.minus(initialLookback)));
    positionTime = LogPositions.timeOf(position);
    leaseValidUntil = now.plus(ttl.multipliedBy(2).dividedBy(3));
    lastSave = now;
    lastSweep =
        null; // re-read the window behind the checkpoint first: the last holder may have missed
    // late events
    known.clear();
    awaited.clear();
    leader = true;
    LOG.info("Projection {}: lease taken by {}, resuming after {}", name(), owner, positionTime);
    return true;
  }

  /**
   * Saves the checkpoint and renews the lease when due (or when {@code force}); throws when the
   * lease is gone.
   */
  private void keepLease(boolean force) {
    Instant now = clock.instant();
    Duration ttl = leaseTtl();
    Duration every = SAVE_EVERY.compareTo(ttl.dividedBy(3)) < 0 ? SAVE_EVERY : ttl.dividedBy(3);
    if (!force && now.isBefore(lastSave.plus(every)) && now.isBefore(leaseValidUntil)) {
      return;
    }
    if (!state.save(name(), owner, position, ttl)) {
      throw new LeaseLost();
    }
    lastSave = now;
    leaseValidUntil = now.plus(ttl.multipliedBy(2).dividedBy(3));
  }

  /** Returns true when the page was full: there is more to read at once. */
  private boolean pass() {
    Instant now = clock.instant();
    keepLease(false);
    if (lastSweep == null
        || !now.isBefore(lastSweep.plusSeconds(tuning.sweepSeconds().getAsInt()))) {
      if (target.lostItsDocuments()) {
        startOver(now);
      }
      sweep();
      lastSweep = now;
    }
    EventLog.Page page = log.read(position, now, tuning.batchSize().getAsInt());
    project(page.entries());
    position = page.full() ? page.next() : settled(page.next(), now);
    positionTime = LogPositions.timeOf(position);
    keepLease(false);
    return page.full();
  }

  /**
   * Where the next pass starts once caught up: not past {@code now - settle}, so the rows that land
   * in the log shortly after their id's time are read on the next pass instead of waiting for the
   * sweep. Events already applied are skipped from memory on the re-read; the checkpoint never
   * moves back.
   */
  private UUID settled(UUID next, Instant now) {
    int settle = tuning.settleMillis().getAsInt();
    if (settle <= 0) {
      return next;
    }
    UUID held = log.positionBefore(now.minusMillis(settle));
    Instant heldTime = LogPositions.timeOf(held);
    if (!heldTime.isBefore(LogPositions.timeOf(next))) {
      return next;
    }
    return heldTime.isAfter(LogPositions.timeOf(position)) ? held : position;
  }

  /** The store came back empty: every profile is written again, from the beginning of the log. */
  private void startOver(Instant now) {
    target.prepare();
    position = log.positionBefore(log.start().orElse(now.minus(initialLookback)));
    positionTime = LogPositions.timeOf(position);
    known.clear();
    LOG.warn(
        "Projection {}: the store lost its documents; projecting again from {}",
        name(),
        positionTime);
  }

  /**
   * Re-reads the window behind the checkpoint for events that arrived after it had passed their
   * time.
   */
  private void sweep() {
    Instant at = LogPositions.timeOf(position);
    UUID after = log.positionBefore(at.minusSeconds(tuning.lateWindowSeconds().getAsInt()));
    Instant before = at.plusMillis(1);
    EventLog.Page page;
    do {
      page = log.read(after, before, tuning.batchSize().getAsInt());
      project(page.entries());
      after = page.next();
    } while (page.full());
    project(awaited.dueAgain(clock.instant()));
  }

  private void project(List<LogEntry> page) {
    if (page.isEmpty()) {
      return;
    }
    Map<UUID, List<LogEntry>> fresh = new LinkedHashMap<>();
    long skipped = 0;
    for (LogEntry event : page) {
      if (event.seq() <= known.getOrDefault(event.userId(), 0L)) {
        skipped++;
      } else {
        fresh.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
      }
    }
    if (fresh.isEmpty()) {
      metrics.skipped(skipped);
      return;
    }
    Map<UUID, Long> stored = target.versions(fresh.keySet());
    List<UUID> pending = new ArrayList<>();
    for (Map.Entry<UUID, List<LogEntry>> entry : fresh.entrySet()) {
      long have = stored.getOrDefault(entry.getKey(), 0L);
      long newest = entry.getValue().stream().mapToLong(LogEntry::seq).max().orElse(0);
      if (newest > have) {
        pending.add(entry.getKey());
      } else {
        skipped += entry.getValue().size();
        known.put(entry.getKey(), have);
      }
    }
    List<ProfileChange> changes = fold(pending, fresh);
    keepLease(!clock.instant().isBefore(leaseValidUntil));
    Map<UUID, ProjectionTarget.Outcome> outcomes =
        changes.isEmpty() ? Map.of() : target.apply(changes);
    long now = clock.millis();
    long projected = 0;
    for (ProfileChange change : changes) {
      UUID userId = change.userId();
      long have = stored.getOrDefault(userId, 0L);
      if (outcomes.get(userId) == ProjectionTarget.Outcome.WRITTEN
          && (have > 0 || !change.isDelete())) {
        // Counts versions newly reflected; deleting a document that was never there changes
        // nothing.
        projected += change.version() - have;
        for (LogEntry event : fresh.get(userId)) {
          if (event.seq() > have && event.seq() <= change.version()) {
            metrics.lag(now - event.occurredAt().toEpochMilli());
          }
        }
      } else {
        skipped += fresh.get(userId).size();
      }
      known.put(userId, change.version());
      awaited.update(userId, fresh.get(userId), change.version(), clock.instant());
    }
    metrics.projected(projected);
    metrics.skipped(skipped);
  }

  /**
   * Folds the streams of the users with new events, in parallel: one stream read per user per page.
   */
  private List<ProfileChange> fold(List<UUID> users, Map<UUID, List<LogEntry>> fresh) {
    List<CompletableFuture<ProfileChange>> folds = new ArrayList<>(users.size());
    for (UUID userId : users) {
      folds.add(CompletableFuture.supplyAsync(() -> foldOne(userId), foldPool));
    }
    List<ProfileChange> changes = new ArrayList<>(users.size());
    try {
      for (CompletableFuture<ProfileChange> f : folds) {
        changes.add(f.join());
      }
    } catch (CompletionException e) {
      folds.forEach(f -> f.cancel(false));
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return changes;
  }

  /**
   * The read model of one user at the stream's own head. A log entry can be ahead of the stream (it
   * is written first); the projection never claims a version the stream does not hold, so the event
   * is projected once it lands ({@link AwaitedEntries}).
   */
  private ProfileChange foldOne(UUID userId) {
    List<StoredEvent> stream = events.readStream(userId);
    long head = stream.isEmpty() ? 0 : stream.get(stream.size() - 1).seq();
    try {
      Optional<Profile> profile = folder.fold(stream);
      return profile
          .map(p -> ProfileChange.put(p.withVersion(head)))
          .orElseGet(() -> ProfileChange.delete(userId, head));
    } catch (RuntimeException e) {
      // Never skip: the pass fails and is retried, so nothing is lost; the failure meter and lag
      // say so.
      throw new IllegalStateException(
          "cannot fold the stream of user " + userId + " (version " + head + ")", e);
    }
  }

  private Duration leaseTtl() {
    return Duration.ofSeconds(Math.max(2, tuning.leaseSeconds().getAsInt()));
  }

  /**
   * One line: the exception chain, each link cut short (store errors carry long diagnostic
   * contexts).
   */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(abbreviate(e.toString()));
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      text.append(" <- ").append(abbreviate(cause.toString()));
    }
    return text.toString();
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s*\\n\\s*", " ");
    return line.length() <= 240 ? line : line.substring(0, 240) + "...";
  }

  /** Another instance holds the lease now. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }
}
