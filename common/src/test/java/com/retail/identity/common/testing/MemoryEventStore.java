package com.retail.identity.common.testing;

import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.faults.CrashPoints;
import com.retail.identity.common.store.CassandraEventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * User streams in memory, for unit tests of use cases, with the rule of the real store: an append
 * lands, all or nothing, only when the stream is at exactly the expected version. It can be taken
 * down ({@link #down}), another writer can be made to slip in before an append ({@link
 * #interleave}), and a writer can die once its append has landed ({@link
 * CassandraEventStore#AFTER_STREAM}).
 */
public final class MemoryEventStore implements EventStore {
  private final Map<UUID, List<StoredEvent>> streams = new HashMap<>();
  private final Clock clock;
  private volatile boolean down;
  private int interleavings;
  private Runnable otherWriter;
  private boolean interleaving;

  public MemoryEventStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<StoredEvent> append(
      UUID userId, long expectedSeq, String correlationId, List<NewEvent> events) {
    return append(userId, expectedSeq, correlationId, events, () -> {});
  }

  /**
   * {@link #append}, and {@code sameWrite} in the same write: it runs only when the append lands,
   * as the real store writes other rows of the user's partition in the stream's own conditional
   * batch.
   */
  public synchronized List<StoredEvent> append(
      UUID userId,
      long expectedSeq,
      String correlationId,
      List<NewEvent> events,
      Runnable sameWrite) {
    failIfDown();
    letTheOtherWriterIn();
    if (expectedSeq != currentVersion(userId)) {
      throw new StreamConflictException(userId, expectedSeq);
    }
    List<StoredEvent> stored = write(userId, expectedSeq, correlationId, events);
    sameWrite.run();
    CrashPoints.reached(CassandraEventStore.AFTER_STREAM);
    return stored;
  }

  @Override
  public List<StoredEvent> appendToNewStream(
      UUID userId, String correlationId, List<NewEvent> events) {
    return appendToNewStream(userId, correlationId, events, () -> {});
  }

  /** {@link #appendToNewStream}, with {@code sameWrite} in the same write (see {@link #append}). */
  public synchronized List<StoredEvent> appendToNewStream(
      UUID userId, String correlationId, List<NewEvent> events, Runnable sameWrite) {
    failIfDown();
    // Unconditional, as the real one: rewriting the first events of a stream replaces them.
    List<StoredEvent> stream = streams.computeIfAbsent(userId, u -> new ArrayList<>());
    stream.subList(0, Math.min(events.size(), stream.size())).clear();
    List<StoredEvent> stored = write(userId, 0, correlationId, events);
    stream.sort(Comparator.comparingLong(StoredEvent::seq));
    sameWrite.run();
    CrashPoints.reached(CassandraEventStore.AFTER_STREAM);
    return stored;
  }

  @Override
  public synchronized long currentVersion(UUID userId) {
    failIfDown();
    return streams.getOrDefault(userId, List.of()).size();
  }

  @Override
  public synchronized List<StoredEvent> readStream(UUID userId) {
    failIfDown();
    return List.copyOf(streams.getOrDefault(userId, List.of()));
  }

  /** The users that have a stream. */
  public synchronized Set<UUID> users() {
    return Set.copyOf(streams.keySet());
  }

  /** While down, every call fails as a store that cannot be reached. */
  public void down(boolean down) {
    this.down = down;
  }

  /**
   * Before each of the next {@code times} appends, {@code otherWriter} runs first (its own writes
   * to the store do not trigger it again): another request that slips in between a read and a
   * write.
   */
  public synchronized void interleave(int times, Runnable otherWriter) {
    this.interleavings = times;
    this.otherWriter = otherWriter;
  }

  private void letTheOtherWriterIn() {
    if (interleavings > 0 && !interleaving) {
      interleavings--;
      interleaving = true;
      try {
        otherWriter.run();
      } finally {
        interleaving = false;
      }
    }
  }

  private List<StoredEvent> write(
      UUID userId, long after, String correlationId, List<NewEvent> events) {
    List<StoredEvent> stream = streams.computeIfAbsent(userId, u -> new ArrayList<>());
    List<StoredEvent> stored = new ArrayList<>();
    long seq = after;
    for (NewEvent event : events) {
      seq++;
      StoredEvent written =
          new StoredEvent(
              userId,
              seq,
              UUID.randomUUID(),
              event.type(),
              event.schemaVersion(),
              clock.instant(),
              correlationId,
              event.payload());
      stream.add(written);
      stored.add(written);
    }
    return stored;
  }

  private void failIfDown() {
    if (down) {
      throw new IllegalStateException("event store unreachable");
    }
  }
}
