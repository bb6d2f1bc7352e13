package com.retail.identity.query.core;

import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.readmodel.core.UserStreams;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Reads one profile: the cache first, then a fold of the user's own stream (which also repopulates
 * the cache). The search index holds no personal data, so it is no source of profiles. With {@code
 * minVersion} the answer is never older than that version: the read models are polled for a bounded
 * time, then the stream answers, so a client that just wrote always reads its write.
 */
public final class ReadProfile {
  private static final long POLL_MILLIS = 25;

  /** Where the answer came from (also sent as a response header, for operators). */
  public enum Source {
    CACHE,
    STREAM
  }

  public record Result(Profile profile, Source source) {}

  private final ProfileCache cache;
  private final UserStreams events;
  private final ProfileFolder folder;
  private final IntSupplier waitMillis;

  public ReadProfile(
      ProfileCache cache, UserStreams events, ProfileFolder folder, IntSupplier waitMillis) {
    this.cache = cache;
    this.events = events;
    this.folder = folder;
    this.waitMillis = waitMillis;
  }

  /**
   * @param minVersion 0 for "whatever the read models hold"
   * @throws NotFound for an unknown or erased user
   * @throws VersionNotReached when the stream itself is older than {@code minVersion}
   */
  public Result read(UUID userId, long minVersion) {
    Optional<Result> known = fromReadModels(userId, minVersion);
    if (known.isPresent()) {
      return known.get();
    }
    if (minVersion > 0) {
      long deadline = System.nanoTime() + waitMillis.getAsInt() * 1_000_000L;
      while (System.nanoTime() < deadline) {
        sleep();
        known = fromReadModels(userId, minVersion);
        if (known.isPresent()) {
          return known.get();
        }
      }
    }
    return fromStream(userId, minVersion);
  }

  private Optional<Result> fromReadModels(UUID userId, long minVersion) {
    Optional<Profile> cached = cache.find(userId);
    if (cached.isPresent() && cached.get().version() >= minVersion) {
      return Optional.of(new Result(cached.get(), Source.CACHE));
    }
    return Optional.empty();
  }

  private Result fromStream(UUID userId, long minVersion) {
    List<StoredEvent> stream = events.readStream(userId);
    Profile profile = folder.fold(stream).orElseThrow(() -> new NotFound("No such user."));
    if (profile.version() < minVersion) {
      throw new VersionNotReached(profile.version(), minVersion);
    }
    repopulate(profile);
    return new Result(profile, Source.STREAM);
  }

  /**
   * Caches the rebuilt profile. If the stream moved on meanwhile (an erasure, above all), the
   * document just written is taken back: the projector may already have passed that event, and an
   * erased user must not reappear in the cache.
   */
  private void repopulate(Profile profile) {
    Optional<Long> token = cache.putIfAbsent(profile);
    if (token.isPresent()) {
      List<StoredEvent> now = events.readStream(profile.userId());
      long head = now.isEmpty() ? 0 : now.get(now.size() - 1).seq();
      if (head != profile.version()) {
        cache.removeIfUnchanged(profile.userId(), token.get());
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the projection", e);
    }
  }
}
