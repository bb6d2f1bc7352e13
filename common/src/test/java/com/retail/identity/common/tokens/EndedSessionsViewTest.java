package com.retail.identity.common.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.testing.MemoryEndedSessions;
import com.retail.identity.common.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service's copy of the ended sessions: caught up by reading, kept while the store is down. */
class EndedSessionsViewTest {
  private static final Duration TOKEN_LIFE = Duration.ofMinutes(16);
  private final TestClock clock = new TestClock(Instant.parse("2027-03-01T09:00:00Z"));
  private final MemoryEndedSessions store = new MemoryEndedSessions(clock);
  private final EndedSessionsView view =
      new EndedSessionsView(store, TOKEN_LIFE, Duration.ofSeconds(1), clock);

  @Test
  void givenASessionEndedElsewhere_whenTheViewCatchesUp_thenItIsEndedHereAndOthersAreNot() {
    UUID ended = UUID.randomUUID();
    store.end(List.of(ended));
    assertThat(view.isEnded(ended)).as("before the view reads").isFalse();

    view.catchUp();

    assertThat(view.isEnded(ended)).isTrue();
    assertThat(view.isEnded(UUID.randomUUID())).isFalse();
    assertThat(view.isEnded(null)).as("a token of no session (a service's)").isFalse();
  }

  @Test
  void givenTheStoreIsDown_whenTheViewCatchesUp_thenWhatItKnewStaysAndItCatchesUpAfterwards() {
    UUID first = UUID.randomUUID();
    UUID whileDown = UUID.randomUUID();
    store.end(List.of(first));
    view.catchUp();
    store.end(List.of(whileDown));
    store.down = true;

    view.catchUp();

    assertThat(view.isEnded(first)).isTrue();
    assertThat(view.isEnded(whileDown)).isFalse();

    store.down = false;
    view.catchUp();
    assertThat(view.isEnded(whileDown)).isTrue();
  }

  @Test
  void givenAnEntryOlderThanAnyTokenCanLive_whenTheViewCatchesUp_thenItIsForgotten() {
    UUID old = UUID.randomUUID();
    store.end(List.of(old));
    view.catchUp();

    clock.advance(TOKEN_LIFE.plusSeconds(1));
    view.catchUp();

    assertThat(view.isEnded(old)).isFalse();
  }

  @Test
  void givenAnEndWrittenWithAClockSlightlyBehind_whenTheViewCatchesUp_thenItIsStillRead() {
    UUID ahead = UUID.randomUUID();
    store.end(List.of(ahead));
    view.catchUp();
    UUID behind = UUID.randomUUID();
    clock.advance(Duration.ofSeconds(-3)); // another writer's clock
    store.end(List.of(behind));
    clock.advance(Duration.ofSeconds(3));

    view.catchUp();

    assertThat(view.isEnded(behind)).isTrue();
  }
}
