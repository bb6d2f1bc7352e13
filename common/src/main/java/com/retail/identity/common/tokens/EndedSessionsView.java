package com.retail.identity.common.tokens;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's copy of the ended sessions, read again every {@code interval}: checking a token's
 * session is a map lookup, never a call to a store. A session ended anywhere is refused here within
 * about one interval. While the store cannot be read the copy stays as it was (tokens of sessions
 * ended meanwhile live on until the store answers again, at most their 15 minutes), and the next
 * read catches up: entries stay in the store as long as a token of theirs can live.
 */
public final class EndedSessionsView implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EndedSessionsView.class);

  /** Read again from a little before the newest entry seen: writers' clocks differ a little. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final EndedSessions store;
  private final Duration keep;
  private final Duration interval;
  private final Clock clock;
  private final Map<UUID, Instant> ended = new ConcurrentHashMap<>();
  private volatile Instant newest;
  private volatile boolean failing;
  private ScheduledExecutorService scheduler;

  /**
   * @param keep how long an access token lives: an entry older than that ends no token any more
   */
  public EndedSessionsView(EndedSessions store, Duration keep, Duration interval, Clock clock) {
    this.store = store;
    this.keep = keep;
    this.interval = interval;
    this.clock = clock;
    this.newest = clock.instant().minus(keep);
  }

  public boolean isEnded(UUID sessionId) {
    return sessionId != null && ended.containsKey(sessionId);
  }

  /** Reads what was ended since the last read; an unreadable store leaves the copy as it was. */
  public void catchUp() {
    Instant from = newest.minus(CLOCK_SKEW);
    try {
      for (EndedSessions.Ended entry : store.endedSince(from)) {
        ended.put(entry.sessionId(), entry.at());
        if (entry.at().isAfter(newest)) {
          newest = entry.at();
        }
      }
      if (failing) {
        LOG.info("Ended sessions are read again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("Ended sessions cannot be read; the last copy stays in force: {}", e.toString());
        failing = true;
      }
    }
    Instant expired = clock.instant().minus(keep);
    ended.values().removeIf(at -> at.isBefore(expired));
  }

  @Override
  public void start() {
    catchUp();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ended-sessions");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::catchUp, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
