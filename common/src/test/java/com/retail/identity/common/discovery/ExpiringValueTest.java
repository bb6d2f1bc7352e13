package com.retail.identity.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringValueTest {
  private final TestClock clock = new TestClock(Instant.parse("2027-01-15T15:00:00Z"));
  private final ExpiringValue<String> value = new ExpiringValue<>(clock);
  private final AtomicInteger fetches = new AtomicInteger();

  private ExpiringValue.Fetched<String> fetch(String stale) {
    return new ExpiringValue.Fetched<>(
        "v" + fetches.incrementAndGet(), clock.instant().plusSeconds(60));
  }

  @Test
  void givenAFetchedValue_whenReadBeforeItsDeadline_thenItIsNotFetchedAgain() {
    assertThat(value.get(this::fetch)).isEqualTo("v1");
    clock.advance(Duration.ofSeconds(59));

    assertThat(value.get(this::fetch)).isEqualTo("v1");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void givenTheDeadlinePassed_whenRead_thenANewValueIsFetchedAndGivenTheStaleOne() {
    value.get(this::fetch);
    clock.advance(Duration.ofSeconds(60));

    String[] seen = new String[1];
    assertThat(
            value.get(
                stale -> {
                  seen[0] = stale;
                  return fetch(stale);
                }))
        .isEqualTo("v2");
    assertThat(seen[0]).isEqualTo("v1");
  }

  @Test
  void givenARejectedValue_whenInvalidated_thenTheNextReadFetches_butAnotherValueIsNotDropped() {
    value.get(this::fetch);
    value.invalidate("something else");
    assertThat(value.get(this::fetch)).isEqualTo("v1");

    value.invalidate("v1");

    assertThat(value.get(this::fetch)).isEqualTo("v2");
  }

  @Test
  void givenAFetchThatFails_whenRead_thenTheFailureReachesTheCallerAndNothingIsKept() {
    assertThatThrownBy(
            () ->
                value.get(
                    stale -> {
                      throw new RemoteServiceUnavailable("svc", "cmd", "down", null);
                    }))
        .isInstanceOf(RemoteServiceUnavailable.class);

    assertThat(value.get(this::fetch)).isEqualTo("v1");
  }
}
