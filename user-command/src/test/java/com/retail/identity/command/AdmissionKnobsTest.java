package com.retail.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.core.admission.Action;
import com.retail.identity.command.core.admission.AdmissionSettings;
import com.retail.identity.command.core.admission.BucketKind;
import com.retail.identity.command.core.admission.Limit;
import com.retail.identity.common.challenge.OnRedisDown;
import com.retail.identity.common.config.Knobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The knob names operators use, and what each turns. */
class AdmissionKnobsTest {
  private final List<String> turned = new ArrayList<>();
  private final AdmissionKnobs knobs = new AdmissionKnobs();

  private void turn(String name, String value) {
    Knobs.override(name, value);
    turned.add(name);
  }

  @AfterEach
  void turnBack() {
    turned.forEach(Knobs::clearOverride);
  }

  @Test
  void givenNoKnobTurned_thenTheDefaults() {
    assertThat(knobs.get()).isEqualTo(AdmissionSettings.DEFAULTS);
  }

  @Test
  void givenOperatorsTurnKnobs_thenTheNextDecisionSeesThem() {
    turn("identity.ratelimit.login.device.burst", "7");
    turn("identity.ratelimit.login.device.perMinute", "8");
    turn("identity.launch.mode", "true");
    turn("identity.admission.enabled", "false");
    turn("identity.risk.failureRatio", "0.25");
    turn("identity.risk.minAttempts", "3");
    turn("identity.risk.maxAccountsPerAddress", "4");
    turn("identity.risk.windowSeconds", "60");
    turn("identity.admission.onRedisDown.ratelimit", "closed");
    turn("identity.admission.onRedisDown.signals", "closed");

    AdmissionSettings settings = knobs.get();

    assertThat(settings.limit(Action.LOGIN, BucketKind.DEVICE)).isEqualTo(new Limit(7, 8));
    assertThat(settings.limit(Action.REGISTER, BucketKind.DEVICE)).isEqualTo(new Limit(5, 5));
    assertThat(settings.launchMode()).isTrue();
    assertThat(settings.enabled()).isFalse();
    assertThat(settings.risk().failureRatio()).isEqualTo(0.25);
    assertThat(settings.risk().minAttempts()).isEqualTo(3);
    assertThat(settings.risk().maxAccountsPerAddress()).isEqualTo(4);
    assertThat(settings.risk().windowSeconds()).isEqualTo(60);
    assertThat(settings.rateLimitsOnRedisDown()).isEqualTo(OnRedisDown.CLOSED);
    assertThat(settings.signalsOnRedisDown()).isEqualTo(OnRedisDown.CLOSED);
  }

  @Test
  void givenExemptDomainsWithTypos_thenTheyAreNormalisedAndEmptyEntriesIgnored() {
    turn(AdmissionKnobs.DOMAIN_EXEMPT, "Big.Example. , . mail.bücher.example");

    assertThat(knobs.get().domainLimitExempt())
        .containsExactlyInAnyOrder("big.example", "mail.xn--bcher-kva.example");
  }
}
