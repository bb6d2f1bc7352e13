package com.retail.identity.command.core;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.events.UserEvents;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after registrations that died half way (their store went away, or the instance did):
 * every reservation attempt older than the abandonment window ends either as a confirmed
 * reservation of a live user, or with neither. A pending reservation whose registration never
 * confirmed is removed (conditionally, so a registration that confirms at the same moment keeps
 * it), and a user stream that was written without ending up holding its reservation is erased, as
 * for an erasure (crypto-shredded, {@code UserErased}); the customer was answered 503 and owns no
 * account.
 *
 * <p>One instance at a time runs it (a {@link JobLease}); every step is idempotent, so a pass that
 * fails half way, or two passes over the same attempts, change nothing more. The cursor (the end of
 * the last complete pass) lives in memory: a new lease holder starts {@code lookback} back. See
 * docs/adr/0005-reservation-reaper.md.
 */
public final class ReservationReaper implements Managed {
  static final String JOB = "reservation-reaper";
  private static final Logger LOG = LoggerFactory.getLogger(ReservationReaper.class);

  private final ReservationAttempts attempts;
  private final JobLease lease;
  private final EventStore events;
  private final Credentials credentials;
  private final ErasureTail tail;
  private final Clock clock;
  private final Duration window;
  private final Duration interval;
  private final Duration lookback;
  private final String owner;
  private final Counter removed;
  private final Counter erased;
  private ScheduledExecutorService scheduler;
  private volatile Instant cursor;

  /**
   * @param owner names this instance in the lease
   */
  public ReservationReaper(
      ReservationAttempts attempts,
      JobLease lease,
      String owner,
      EventStore events,
      Credentials credentials,
      ErasureTail tail,
      Clock clock,
      Duration window,
      Duration interval,
      Duration lookback,
      MetricRegistry metrics) {
    this.owner = owner;
    this.attempts = attempts;
    this.lease = lease;
    this.events = events;
    this.credentials = credentials;
    this.tail = tail;
    this.clock = clock;
    this.window = window;
    this.interval = interval;
    this.lookback = lookback;
    this.removed = metrics.counter("reservations.reaper.removed");
    this.erased = metrics.counter("reservations.reaper.erased");
  }

  /**
   * One pass over the attempts that left the window since the last pass; returns how many were
   * cleaned up (reservations removed plus users erased), or -1 when another instance holds the
   * lease.
   */
  public int pass() {
    // The lease outlives two intervals, so a holder that misses one pass keeps it.
    if (!lease.hold(JOB, owner, interval.multipliedBy(3))) {
      cursor = null;
      return -1;
    }
    Instant until = clock.instant().minus(window);
    Instant from = cursor == null ? until.minus(lookback) : cursor;
    int cleaned = 0;
    for (ReservationAttempts.Attempt attempt : attempts.between(from, until)) {
      cleaned += resolve(attempt);
    }
    cursor = until; // only after every attempt of the pass was resolved
    return cleaned;
  }

  private int resolve(ReservationAttempts.Attempt attempt) {
    if (attempt.erasure()) {
      return finishErasure(attempt);
    }
    Optional<ReservationAttempts.Holding> holding = attempts.holding(attempt.emailKey());
    if (holding.isPresent() && holding.get().userId().equals(attempt.userId())) {
      ReservationAttempts.Holding held = holding.get();
      if (!held.pending() || held.reservedAt().isAfter(clock.instant().minus(window))) {
        return 0; // a registered user, or a takeover still inside its own window
      }
      if (!attempts.removePending(attempt.emailKey(), attempt.userId())) {
        return 0; // confirmed at this very moment
      }
      removed.inc();
      LOG.info("Removed the abandoned reservation of user {}", attempt.userId());
      return 1 + eraseIfLive(attempt.userId(), true);
    }
    // This user holds no reservation (the attempt lost, or its reservation is gone): no account may
    // be left.
    return eraseIfLive(attempt.userId(), false);
  }

  /**
   * An erasure is committed by its {@code UserErased} (with the credential's end, in one write);
   * its {@link ErasureTail} is run again here, in case its instance died half way.
   */
  private int finishErasure(ReservationAttempts.Attempt attempt) {
    List<StoredEvent> stream = events.readStream(attempt.userId());
    if (stream.isEmpty() || !EventTypes.USER_ERASED.equals(stream.get(stream.size() - 1).type())) {
      return 0; // the erasure was refused (a stale If-Match) or never got as far as its event
    }
    tail.finish(attempt.userId(), attempt.emailKey(), stream.get(stream.size() - 1).occurredAt());
    return 0;
  }

  /**
   * @param abandoned the user's registration died holding its reservation: it may have created its
   *     data key
   */
  private int eraseIfLive(UUID userId, boolean abandoned) {
    List<StoredEvent> stream = events.readStream(userId);
    if (stream.isEmpty()) {
      if (abandoned) {
        tail.endAccess(userId); // it died after creating its key, before its stream
      }
      return 0;
    }
    if (EventTypes.USER_ERASED.equals(stream.get(stream.size() - 1).type())) {
      return 0;
    }
    try {
      credentials.append(
          userId,
          stream.get(stream.size() - 1).seq(),
          "reservation-reaper",
          List.of(new UserEvents.UserErased(clock.instant()).toEvent()),
          new Credentials.Change.Erased());
    } catch (StreamConflictException e) {
      return 0; // written meanwhile: the next pass over this attempt (lookback) looks again
    }
    tail.endAccess(userId);
    erased.inc();
    LOG.warn("Erased user {}: registered without holding its email reservation", userId);
    return 1;
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, JOB);
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::safePass, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void safePass() {
    try {
      int cleaned = pass();
      if (cleaned > 0) {
        LOG.info("Reservation reaper cleaned up {} abandoned registrations", cleaned);
      }
    } catch (RuntimeException e) {
      // The store is away: the cursor stays, the next pass covers the same attempts.
      LOG.warn("Reservation reaper pass failed: {}", e.toString());
    }
  }

  /**
   * Stops the passes and hands the lease over at once: the next instance (a deploy's new one) reaps
   * from its next pass instead of after the lease lapses (three intervals).
   */
  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      lease.release(JOB, owner);
    } catch (RuntimeException e) {
      LOG.warn(
          "Reservation reaper could not hand its lease over ({}); it lapses by itself",
          e.toString());
    }
  }
}
