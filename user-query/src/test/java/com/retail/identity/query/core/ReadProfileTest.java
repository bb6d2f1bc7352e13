package com.retail.identity.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.testing.TestClock;
import com.retail.identity.readmodel.core.Fakes.MemoryDataKeys;
import com.retail.identity.readmodel.core.Fakes.MemoryEvents;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.ProfileFolder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read path's order and its read-your-writes rule, on in-memory read models. */
class ReadProfileTest {
  private final TestClock clock = new TestClock(Instant.parse("2027-01-15T15:00:00Z"));
  private final PersonalDataCipher cipher = new PersonalDataCipher(new MemoryDataKeys());
  private final MemoryEvents events = new MemoryEvents(clock);
  private final MapCache cache = new MapCache();
  private final ReadProfile read =
      new ReadProfile(cache, events, new ProfileFolder(cipher), () -> 50);
  private final UUID userId = UUID.randomUUID();

  static final class MapCache implements ProfileCache {
    final Map<UUID, Profile> docs = new HashMap<>();
    long tokens;

    @Override
    public Optional<Profile> find(UUID id) {
      return Optional.ofNullable(docs.get(id));
    }

    @Override
    public Optional<Long> putIfAbsent(Profile profile) {
      if (docs.containsKey(profile.userId())) {
        return Optional.empty();
      }
      docs.put(profile.userId(), profile);
      return Optional.of(++tokens);
    }

    @Override
    public void removeIfUnchanged(UUID id, long token) {
      docs.remove(id);
    }
  }

  private Profile profile(long version, String first) {
    return new Profile(
        userId,
        "g@example.com",
        first,
        "Hopper",
        null,
        false,
        false,
        "US",
        "en-US",
        clock.instant(),
        version);
  }

  private void register() {
    String pii = cipher.seal(userId, new PersonalData("g@example.com", "Grace", "Hopper", null));
    events.append(
        userId,
        0,
        "c",
        List.of(new UserEvents.UserRegistered(pii, "US", "en-US", clock.instant()).toEvent()));
  }

  @Test
  void givenACachedProfile_thenTheCacheAnswers() {
    cache.docs.put(userId, profile(3, "Cached"));

    assertThat(read.read(userId, 0))
        .isEqualTo(new ReadProfile.Result(profile(3, "Cached"), ReadProfile.Source.CACHE));
  }

  @Test
  void givenNeitherReadModelHasTheUser_thenTheStreamAnswersAndTheCacheIsRepopulated() {
    register();

    ReadProfile.Result result = read.read(userId, 0);

    assertThat(result.source()).isEqualTo(ReadProfile.Source.STREAM);
    assertThat(result.profile().firstName()).isEqualTo("Grace");
    assertThat(cache.docs.get(userId)).isEqualTo(result.profile());
  }

  @Test
  void givenReadModelsOlderThanMinVersion_thenTheStreamAnswersWithTheNewerVersion() {
    register();
    String pii = cipher.seal(userId, new PersonalData(null, "Amazing", null, null));
    events.append(
        userId,
        1,
        "c",
        List.of(new UserEvents.ProfileUpdated(pii, null, null, clock.instant()).toEvent()));
    cache.docs.put(userId, profile(1, "Grace"));

    ReadProfile.Result result = read.read(userId, 2);

    assertThat(result.profile().version()).isEqualTo(2);
    assertThat(result.profile().firstName()).isEqualTo("Amazing");
    assertThat(result.source()).isEqualTo(ReadProfile.Source.STREAM);
  }

  @Test
  void givenAnUnknownUser_thenNotFound_andAVersionTheStreamHasNotReached_thenVersionNotReached() {
    assertThatThrownBy(() -> read.read(userId, 0)).isInstanceOf(NotFound.class);
    register();
    assertThatThrownBy(() -> read.read(userId, 5))
        .isInstanceOfSatisfying(VersionNotReached.class, e -> assertThat(e.current()).isEqualTo(1));
  }

  @Test
  void givenAnErasedUser_thenNotFoundAndNothingIsCached() {
    register();
    events.append(userId, 1, "c", List.of(new UserEvents.UserErased(clock.instant()).toEvent()));

    assertThatThrownBy(() -> read.read(userId, 0)).isInstanceOf(NotFound.class);
    assertThat(cache.docs).isEmpty();
  }
}
