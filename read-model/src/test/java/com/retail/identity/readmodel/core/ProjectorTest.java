package com.retail.identity.readmodel.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.LogEntry;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.testing.TestClock;
import com.retail.identity.readmodel.core.Fakes.MemoryDataKeys;
import com.retail.identity.readmodel.core.Fakes.MemoryEvents;
import com.retail.identity.readmodel.core.Fakes.MemoryState;
import com.retail.identity.readmodel.core.Fakes.MemoryTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The projector's rules, on in-memory ports: exactly once in effect, never backwards, nothing lost.
 */
class ProjectorTest {
  private final TestClock clock = new TestClock(Instant.parse("2027-01-15T15:00:00Z"));
  private final MemoryDataKeys keys = new MemoryDataKeys();
  private final PersonalDataCipher cipher = new PersonalDataCipher(keys);
  private final MemoryEvents events = new MemoryEvents(clock);
  private final MemoryState state = new MemoryState(clock);
  private final MemoryTarget target = new MemoryTarget();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Projector projector(String owner, int batchSize) {
    return projector(owner, ProjectionTuning.fixed(10, batchSize, 10, 5, 10));
  }

  private Projector projector(String owner, ProjectionTuning tuning) {
    return new Projector(
        target,
        events,
        events,
        new ProfileFolder(cipher),
        state,
        tuning,
        new ProjectionMetrics(new MetricRegistry(), "memory"),
        pool,
        clock,
        Duration.ofMinutes(5),
        owner);
  }

  private UUID register(String first, String last) {
    UUID userId = UUID.randomUUID();
    String pii =
        cipher.seal(
            userId, new PersonalData(first.toLowerCase() + "@example.com", first, last, null));
    events.append(
        userId,
        0,
        "c",
        List.of(new UserEvents.UserRegistered(pii, "US", "en-US", clock.instant()).toEvent()));
    tick();
    return userId;
  }

  private void rename(UUID userId, long expected, String first) {
    String pii = cipher.seal(userId, new PersonalData(null, first, null, null));
    events.append(
        userId,
        expected,
        "c",
        List.of(new UserEvents.ProfileUpdated(pii, null, null, clock.instant()).toEvent()));
    tick();
  }

  private void tick() {
    clock.advance(Duration.ofMillis(5));
  }

  private static void drain(Projector projector) {
    for (int i = 0; i < 1000; i++) {
      if (projector.runOnce() != Projector.Step.MORE) {
        return;
      }
    }
  }

  @Test
  void givenNewEvents_whenProjected_thenEachUserHoldsTheFoldOfTheirStreamAtItsVersion() {
    UUID grace = register("Grace", "Hopper");
    UUID ada = register("Ada", "Lovelace");
    rename(ada, 1, "Augusta");
    Projector projector = projector("a", 500);

    projector.runOnce();

    assertThat(target.profile(grace))
        .hasValueSatisfying(
            p -> {
              assertThat(p.firstName()).isEqualTo("Grace");
              assertThat(p.version()).isEqualTo(1);
            });
    assertThat(target.profile(ada))
        .hasValueSatisfying(
            p -> {
              assertThat(p.firstName()).isEqualTo("Augusta");
              assertThat(p.lastName()).isEqualTo("Lovelace");
              assertThat(p.version()).isEqualTo(2);
            });
    assertThat(projector.metrics().projectedCount()).isEqualTo(3);
  }

  @Test
  void
      givenTheWholeLogProjected_whenANewRunnerReplaysItFromTheStart_thenNothingChangesAndNothingIsCountedTwice() {
    for (int i = 0; i < 20; i++) {
      register("User" + i, "Replay");
    }
    Projector first = projector("a", 7);
    drain(first);
    first.stop();
    int writesBefore = target.applyCalls.get();

    MemoryState fresh = new MemoryState(clock); // no checkpoint: starts from the initial lookback
    Projector replay =
        new Projector(
            target,
            events,
            events,
            new ProfileFolder(cipher),
            fresh,
            ProjectionTuning.fixed(10, 7, 10, 5, 10),
            new ProjectionMetrics(new MetricRegistry(), "memory"),
            pool,
            clock,
            Duration.ofMinutes(5),
            "b");
    drain(replay);

    assertThat(first.metrics().projectedCount()).isEqualTo(20);
    assertThat(replay.metrics().projectedCount()).isZero();
    assertThat(replay.metrics().skippedCount()).isEqualTo(20);
    assertThat(target.applyCalls.get()).isEqualTo(writesBefore);
  }

  @Test
  void
      givenAnEventWhoseLogRowArrivesAfterTheCheckpointPassedItsTime_whenTheWindowIsReRead_thenItIsProjected() {
    register("Early", "Bird");
    Projector projector = projector("a", 500);
    projector.runOnce();
    clock.advance(Duration.ofSeconds(1));

    // A slow writer: its event id is 3 s old by the time the row lands, behind the checkpoint.
    UUID late = UUID.randomUUID();
    String pii = cipher.seal(late, new PersonalData("late@example.com", "Late", "Comer", null));
    events.appendLate(
        late,
        0,
        List.of(new UserEvents.UserRegistered(pii, "GB", "en-GB", clock.instant()).toEvent()),
        Duration.ofSeconds(3));
    projector.runOnce();
    assertThat(target.profile(late)).as("the tail has passed its time").isEmpty();

    clock.advance(Duration.ofSeconds(5)); // the sweep is due
    projector.runOnce();

    assertThat(target.profile(late))
        .hasValueSatisfying(p -> assertThat(p.lastName()).isEqualTo("Comer"));
  }

  @Test
  void
      givenASettleTime_whenALogRowLandsShortlyAfterAPassCoveredItsTime_thenTheNextPassProjectsItWithoutTheSweep() {
    register("Early", "Bird");
    Projector projector = projector("a", ProjectionTuning.fixed(10, 500, 10, 5, 1000, 10));
    projector.runOnce();
    clock.advance(Duration.ofMillis(200));
    projector.runOnce();

    // The row lands 400 ms after its id's time: the passes above have already read past that time.
    UUID slow = UUID.randomUUID();
    String pii = cipher.seal(slow, new PersonalData("slow@example.com", "Slow", "Writer", null));
    events.appendLate(
        slow,
        0,
        List.of(new UserEvents.UserRegistered(pii, "GB", "en-GB", clock.instant()).toEvent()),
        Duration.ofMillis(400));
    clock.advance(Duration.ofMillis(200)); // well before the next sweep (every 5 s)
    projector.runOnce();

    assertThat(target.profile(slow))
        .hasValueSatisfying(p -> assertThat(p.lastName()).isEqualTo("Writer"));
  }

  @Test
  void
      givenTheStoreAlreadyHoldsANewerVersion_whenAnOlderEventIsProjected_thenTheNewerVersionStays() {
    UUID userId = register("Grace", "Hopper");
    Profile newer =
        new Profile(
            userId,
            "g@example.com",
            "Newer",
            "Hopper",
            null,
            false,
            false,
            "US",
            "en-US",
            clock.instant(),
            7);
    target.documents.put(userId, ProfileChange.put(newer));
    Projector projector = projector("a", 500);

    projector.runOnce();

    assertThat(target.profile(userId)).hasValue(newer);
    assertThat(projector.metrics().projectedCount()).isZero();
  }

  @Test
  void givenAUserIsErased_whenProjected_thenTheDocumentIsDeletedAndLaterEventsDoNotBringItBack() {
    UUID userId = register("Grace", "Hopper");
    Projector projector = projector("a", 500);
    projector.runOnce();
    events.append(userId, 1, "c", List.of(new UserEvents.UserErased(clock.instant()).toEvent()));
    keys.destroy(userId);
    tick();

    projector.runOnce();

    assertThat(target.documents.get(userId).isDelete()).isTrue();
    assertThat(target.profile(userId)).isEmpty();
  }

  @Test
  void givenTheStoreIsDown_whenItComesBack_thenTheProjectorResumesWithNothingLost() {
    Projector projector = projector("a", 500);
    projector.runOnce();
    target.down = true;
    UUID during = register("During", "Outage");

    assertThat(projector.runOnce()).isEqualTo(Projector.Step.FAILED);
    clock.advance(Duration.ofSeconds(3));
    assertThat(projector.runOnce()).isEqualTo(Projector.Step.FAILED);

    target.down = false;
    projector.runOnce();

    assertThat(target.profile(during)).isPresent();
    assertThat(projector.metrics().failureCount()).isEqualTo(2);
  }

  @Test
  void
      givenTwoRunners_thenOnlyTheLeaseHolderProjects_andTheOtherTakesOverWhenTheHolderStopsRenewing() {
    Projector a = projector("a", 500);
    Projector b = projector("b", 500);
    register("First", "One");

    assertThat(a.runOnce()).isEqualTo(Projector.Step.IDLE);
    assertThat(b.runOnce()).isEqualTo(Projector.Step.STANDBY);
    UUID second = register("Second", "Two");
    a.runOnce();
    assertThat(target.profile(second)).isPresent();

    // a dies: it stops renewing without releasing. b waits out the lease, then resumes from a's
    // checkpoint.
    UUID third = register("Third", "Three");
    assertThat(b.runOnce()).isEqualTo(Projector.Step.STANDBY);
    clock.advance(Duration.ofSeconds(11));
    assertThat(b.runOnce()).isEqualTo(Projector.Step.IDLE);

    assertThat(target.profile(third)).isPresent();
    assertThat(a.metrics().projectedCount() + b.metrics().projectedCount()).isEqualTo(3);
    assertThat(a.runOnce()).as("a comes back: the lease is b's").isEqualTo(Projector.Step.STANDBY);
  }

  @Test
  void givenTheHolderStopsCleanly_thenTheLeaseIsHandedOverAtOnce() {
    Projector a = projector("a", 500);
    Projector b = projector("b", 500);
    a.runOnce();
    a.stop();
    UUID after = register("After", "Handover");

    assertThat(b.runOnce()).isEqualTo(Projector.Step.IDLE);
    assertThat(target.profile(after)).isPresent();
  }

  @Test
  void
      givenAnEventInTheStreamWhoseLogRowIsMissing_whenTheUsersNextEventIsProjected_thenBothAreReflected() {
    UUID userId = register("Grace", "Hopper");
    Projector projector = projector("a", 500);
    projector.runOnce();
    String pii = cipher.seal(userId, new PersonalData(null, "Amazing", null, null));
    events.appendStreamOnly(
        userId,
        1,
        List.of(new UserEvents.ProfileUpdated(pii, "GB", null, clock.instant()).toEvent()));
    tick();
    events.append(
        userId, 2, "c", List.of(new UserEvents.PasswordChanged(clock.instant(), "user").toEvent()));
    tick();

    projector.runOnce();

    assertThat(target.profile(userId))
        .hasValueSatisfying(
            p -> {
              assertThat(p.firstName()).isEqualTo("Amazing");
              assertThat(p.country()).isEqualTo("GB");
              assertThat(p.version()).isEqualTo(3);
            });
  }

  @Test
  void
      givenALogEntryReadBeforeItsStreamWriteLanded_whenTheWriteLandsAfterTheLateWindow_thenItIsProjected() {
    UUID userId = register("Edsger", "Dijkstra");
    Projector projector = projector("a", 500);
    projector.runOnce();
    LogEntry announced = events.announce(userId);
    clock.advance(Duration.ofSeconds(2));
    projector.runOnce(); // reads the entry: the stream is still at version 1
    assertThat(target.profile(userId))
        .hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));

    runFor(projector, Duration.ofSeconds(30)); // far past the 10 s late-event window
    String pii = cipher.seal(userId, new PersonalData(null, "Edsger W.", null, null));
    events.land(
        announced, new UserEvents.ProfileUpdated(pii, null, null, clock.instant()).toEvent());
    runFor(projector, Duration.ofSeconds(5));

    assertThat(target.profile(userId))
        .hasValueSatisfying(
            p -> {
              assertThat(p.firstName()).isEqualTo("Edsger W.");
              assertThat(p.version()).isEqualTo(2);
            });
  }

  @Test
  void
      givenALogEntryWhoseAppendFailed_whenProjected_thenNothingChangesAndTheEntryIsGivenUpAfterItsPatience() {
    UUID userId = register("Barbara", "Liskov");
    Projector projector = projector("a", 500);
    projector.runOnce();
    events.announce(userId); // the conditional stream write that followed it lost
    clock.advance(Duration.ofSeconds(2));
    projector.runOnce();

    runFor(projector, AwaitedEntries.PATIENCE.plusSeconds(10));
    int applied = target.applyCalls.get();
    runFor(projector, Duration.ofSeconds(20));

    assertThat(target.profile(userId))
        .hasValueSatisfying(
            p -> {
              assertThat(p.firstName()).isEqualTo("Barbara");
              assertThat(p.version()).isEqualTo(1);
            });
    assertThat(target.applyCalls.get()).as("no more folds of a given-up entry").isEqualTo(applied);
  }

  /** The projector's loop over {@code duration}: a pass every second. */
  private void runFor(Projector projector, Duration duration) {
    for (long s = 0; s < duration.toSeconds(); s++) {
      clock.advance(Duration.ofSeconds(1));
      projector.runOnce();
    }
  }
}
