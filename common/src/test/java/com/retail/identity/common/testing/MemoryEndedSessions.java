package com.retail.identity.common.testing;

import com.retail.identity.common.tokens.EndedSessions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Ended sessions in memory, for unit tests; {@link #down} makes it fail as a store would. */
public final class MemoryEndedSessions implements EndedSessions {
  private final Clock clock;
  private final List<Ended> ended = new ArrayList<>();
  public volatile boolean down;

  public MemoryEndedSessions(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void end(Collection<UUID> sessionIds) {
    failWhenDown();
    Instant now = clock.instant();
    sessionIds.forEach(id -> ended.add(new Ended(id, now)));
  }

  @Override
  public synchronized List<Ended> endedSince(Instant since) {
    failWhenDown();
    return ended.stream().filter(e -> !e.at().isBefore(since)).toList();
  }

  private void failWhenDown() {
    if (down) {
      throw new IllegalStateException("ended sessions store is down");
    }
  }
}
