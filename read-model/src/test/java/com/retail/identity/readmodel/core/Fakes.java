package com.retail.identity.readmodel.core;

import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.LogEntry;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.StreamConflictException;
import com.retail.identity.common.testing.TestClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * In-memory stand-ins for the projector's ports, for unit tests of its logic only (ITs use the real
 * stores).
 */
public final class Fakes {
  private Fakes() {}

  /** Version 1 UUIDs at a chosen time, ordered like Cassandra orders timeuuids. */
  static final class TimeUuids {
    private static final long EPOCH_OFFSET = 0x01B21DD213814000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger SUB = new AtomicInteger();
    static final Comparator<UUID> ORDER = LogPositions.ORDER;

    static UUID at(Instant instant) {
      long ts =
          instant.toEpochMilli() * 10_000
              + EPOCH_OFFSET
              + Math.floorMod(SUB.incrementAndGet(), 9_998)
              + 1;
      long msb =
          (ts & 0xFFFFFFFFL) << 32
              | ((ts >>> 32) & 0xFFFFL) << 16
              | 0x1000L
              | ((ts >>> 48) & 0x0FFFL);
      long lsb = 0x8000000000000000L | (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL);
      return new UUID(msb, lsb);
    }

    /** The greatest id of the millisecond before {@code instant}. */
    static UUID before(Instant instant) {
      long ts = (instant.toEpochMilli() - 1) * 10_000 + EPOCH_OFFSET + 9_999;
      long msb =
          (ts & 0xFFFFFFFFL) << 32
              | ((ts >>> 32) & 0xFFFFL) << 16
              | 0x1000L
              | ((ts >>> 48) & 0x0FFFL);
      return new UUID(msb, 0x7f7f7f7f7f7f7f7fL);
    }
  }

  public static final class MemoryDataKeys implements DataKeys {
    private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

    @Override
    public SecretKey getOrCreate(UUID userId) {
      return keys.computeIfAbsent(
          userId,
          u -> {
            try {
              KeyGenerator generator = KeyGenerator.getInstance("AES");
              generator.init(256);
              return generator.generateKey();
            } catch (java.security.GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });
    }

    @Override
    public SecretKey createFresh(UUID userId) {
      return getOrCreate(userId);
    }

    @Override
    public Optional<SecretKey> find(UUID userId) {
      return Optional.ofNullable(keys.get(userId));
    }

    @Override
    public void destroy(UUID userId) {
      keys.remove(userId);
    }
  }

  /**
   * Streams and the time-ordered log in memory. {@link #appendLate} writes the log row with an id
   * from the past, as a slow or clock-skewed writer would.
   */
  public static final class MemoryEvents implements UserStreams, EventLog {
    private final Map<UUID, List<StoredEvent>> streams = new HashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final TestClock clock;

    public MemoryEvents(TestClock clock) {
      this.clock = clock;
    }

    public synchronized List<StoredEvent> append(
        UUID userId, long expectedSeq, String correlationId, List<NewEvent> events) {
      return appendAt(userId, expectedSeq, events, clock.instant(), true);
    }

    synchronized List<StoredEvent> appendLate(
        UUID userId, long expectedSeq, List<NewEvent> events, Duration late) {
      return appendAt(userId, expectedSeq, events, clock.instant().minus(late), true);
    }

    /** In the stream only: the log row is not written (yet). */
    synchronized List<StoredEvent> appendStreamOnly(
        UUID userId, long expectedSeq, List<NewEvent> events) {
      return appendAt(userId, expectedSeq, events, clock.instant(), false);
    }

    private List<StoredEvent> appendAt(
        UUID userId, long expectedSeq, List<NewEvent> events, Instant at, boolean logged) {
      List<StoredEvent> stream = streams.computeIfAbsent(userId, u -> new ArrayList<>());
      if (stream.size() != expectedSeq) {
        throw new StreamConflictException(userId, expectedSeq);
      }
      List<StoredEvent> stored = new ArrayList<>();
      for (NewEvent e : events) {
        UUID id = TimeUuids.at(at);
        StoredEvent s =
            new StoredEvent(
                userId,
                stream.size() + 1,
                id,
                e.type(),
                e.schemaVersion(),
                at,
                "test",
                e.payload());
        stream.add(s);
        stored.add(s);
        if (logged) {
          log.add(new LogEntry(id, userId, s.seq()));
        }
      }
      log.sort(Comparator.comparing(LogEntry::eventId, TimeUuids.ORDER));
      return stored;
    }

    /**
     * The log entry of an append whose stream write has not landed (yet): as the store writes it
     * first.
     */
    synchronized LogEntry announce(UUID userId) {
      LogEntry entry =
          new LogEntry(
              TimeUuids.at(clock.instant()),
              userId,
              streams.getOrDefault(userId, List.of()).size() + 1);
      log.add(entry);
      log.sort(Comparator.comparing(LogEntry::eventId, TimeUuids.ORDER));
      return entry;
    }

    /** The stream write of an announced append lands. */
    synchronized void land(LogEntry announced, NewEvent e) {
      List<StoredEvent> stream =
          streams.computeIfAbsent(announced.userId(), u -> new ArrayList<>());
      if (stream.size() + 1 != announced.seq()) {
        throw new StreamConflictException(announced.userId(), announced.seq() - 1);
      }
      stream.add(
          new StoredEvent(
              announced.userId(),
              announced.seq(),
              announced.eventId(),
              e.type(),
              e.schemaVersion(),
              announced.occurredAt(),
              "test",
              e.payload()));
    }

    @Override
    public synchronized List<StoredEvent> readStream(UUID userId) {
      return List.copyOf(streams.getOrDefault(userId, List.of()));
    }

    @Override
    public synchronized Page read(UUID after, Instant before, int limit) {
      UUID upTo = positionBefore(before);
      List<LogEntry> page = new ArrayList<>();
      for (LogEntry e : log) {
        if (TimeUuids.ORDER.compare(e.eventId(), after) > 0
            && TimeUuids.ORDER.compare(e.eventId(), upTo) <= 0) {
          page.add(e);
          if (page.size() == limit) {
            return new Page(page, e.eventId(), true);
          }
        }
      }
      return new Page(page, TimeUuids.ORDER.compare(upTo, after) < 0 ? after : upTo, false);
    }

    @Override
    public UUID positionBefore(Instant instant) {
      return TimeUuids.before(instant);
    }
  }

  /** A read model with the store-side version guard of the real ones. */
  static final class MemoryTarget implements ProjectionTarget {
    final Map<UUID, ProfileChange> documents = new ConcurrentHashMap<>();
    final AtomicInteger applyCalls = new AtomicInteger();
    volatile boolean down;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public void prepare() {}

    @Override
    public Map<UUID, Long> versions(Set<UUID> userIds) {
      failIfDown();
      Map<UUID, Long> versions = new HashMap<>();
      userIds.forEach(
          u ->
              Optional.ofNullable(documents.get(u))
                  .filter(d -> !d.isDelete())
                  .ifPresent(d -> versions.put(u, d.version())));
      return versions;
    }

    @Override
    public synchronized Map<UUID, Outcome> apply(List<ProfileChange> changes) {
      failIfDown();
      applyCalls.incrementAndGet();
      Map<UUID, Outcome> outcomes = new HashMap<>();
      for (ProfileChange change : changes) {
        ProfileChange current = documents.get(change.userId());
        if (current != null && current.version() >= change.version()) {
          outcomes.put(change.userId(), Outcome.STALE);
        } else {
          documents.put(change.userId(), change);
          outcomes.put(change.userId(), Outcome.WRITTEN);
        }
      }
      return outcomes;
    }

    Optional<Profile> profile(UUID userId) {
      return Optional.ofNullable(documents.get(userId)).map(ProfileChange::profile);
    }

    long live() {
      return documents.values().stream().filter(d -> !d.isDelete()).count();
    }

    private void failIfDown() {
      if (down) {
        throw new IllegalStateException("store down");
      }
    }
  }

  /** Lease and checkpoint with a time-to-live on the test clock. */
  static final class MemoryState implements ProjectionState {
    private final TestClock clock;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Instant> expiries = new HashMap<>();
    private final Map<String, UUID> checkpoints = new HashMap<>();

    MemoryState(TestClock clock) {
      this.clock = clock;
    }

    @Override
    public synchronized boolean acquire(String projection, String owner, Duration ttl) {
      Optional<String> holder = holder(projection);
      if (holder.isPresent() && !holder.get().equals(owner)) {
        return false;
      }
      owners.put(projection, owner);
      expiries.put(projection, clock.instant().plus(ttl));
      return true;
    }

    @Override
    public synchronized boolean save(String projection, String owner, UUID position, Duration ttl) {
      if (!holder(projection).equals(Optional.of(owner))) {
        return false;
      }
      expiries.put(projection, clock.instant().plus(ttl));
      checkpoints.put(projection, position);
      return true;
    }

    @Override
    public synchronized void release(String projection, String owner) {
      if (holder(projection).equals(Optional.of(owner))) {
        owners.remove(projection);
      }
    }

    @Override
    public synchronized Optional<UUID> checkpoint(String projection) {
      return Optional.ofNullable(checkpoints.get(projection));
    }

    private synchronized Optional<String> holder(String projection) {
      String owner = owners.get(projection);
      if (owner == null || !clock.instant().isBefore(expiries.get(projection))) {
        return Optional.empty();
      }
      return Optional.of(owner);
    }
  }

  static PersonalDataCipher cipher(DataKeys keys) {
    return new PersonalDataCipher(keys);
  }
}
