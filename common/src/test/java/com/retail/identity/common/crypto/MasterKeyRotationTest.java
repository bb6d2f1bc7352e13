package com.retail.identity.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.common.testing.KmsStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Master keys from configuration, the KMS-held one through the real AWS SDK against a wire-level
 * KMS stub on 127.0.0.1: a data key names its master key, so the ring unwraps what any configured
 * key wrapped, and KMS down is a fast {@link MasterKeyUnavailable}.
 */
class MasterKeyRotationTest {
  private static final byte[] DATA_KEY =
      "a data key of exactly 32 bytes!!".getBytes(StandardCharsets.UTF_8);
  private final KmsStub kms = KmsStub.start();

  @AfterEach
  void stop() {
    kms.close();
  }

  private MasterKeySettings kmsActive(
      String id, String kmsKeyId, MasterKeySettings.Retired... old) {
    MasterKeySettings settings = new MasterKeySettings();
    settings.setActive(id, null, kmsKeyId);
    settings.setKms(kms.endpoint(), "eu-west-1", true);
    settings.getRetired().addAll(List.of(old));
    return settings;
  }

  @Test
  void givenTheLocalKeyRetiredForAKmsKey_thenOldDataKeysUnwrapAndNewOnesGoToKms() {
    // Given a data key wrapped by the local key
    MasterKeySettings before = new MasterKeySettings();
    before.setActive("local-1", MasterKeySettings.LOCAL_KEY, null);
    byte[] wrappedBefore = before.build().wrap(DATA_KEY);

    // When the active key becomes a KMS key, the local one retired
    MasterKeyRing ring =
        kmsActive(
                "kms-2026-12",
                "alias/identity-master",
                new MasterKeySettings.Retired("local-1", MasterKeySettings.LOCAL_KEY, null))
            .build();
    byte[] wrappedAfter = ring.wrap(DATA_KEY);

    // Then both unwrap by the id stored with them; the new one was made by KMS
    assertThat(ring.activeId()).isEqualTo("kms-2026-12");
    assertThat(ring.unwrap("local-1", wrappedBefore)).isEqualTo(DATA_KEY);
    assertThat(ring.unwrap("kms-2026-12", wrappedAfter)).isEqualTo(DATA_KEY);
    assertThat(kms.calls()).isEqualTo(2);
    // ... and a ring without the retired key says which key is missing
    MasterKeyRing withoutIt = kmsActive("kms-2026-12", "alias/identity-master").build();
    assertThatThrownBy(() -> withoutIt.unwrap("local-1", wrappedBefore))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no master key local-1");
  }

  @Test
  void givenACiphertextOfAnotherKmsKey_whenUnwrapped_thenRefused() {
    byte[] wrapped = kmsActive("a", "alias/key-a").build().wrap(DATA_KEY);
    MasterKeyRing other = kmsActive("a", "alias/key-b").build();

    assertThatThrownBy(() -> other.unwrap("a", wrapped)).isInstanceOf(MasterKeyUnavailable.class);
  }

  @Test
  void givenKmsDown_whenUnwrapping_thenMasterKeyUnavailableWithinSeconds() {
    MasterKeyRing ring = kmsActive("k", "alias/k").build();
    byte[] wrapped = ring.wrap(DATA_KEY);
    kms.down = true;

    long started = System.nanoTime();
    assertThatThrownBy(() -> ring.unwrap("k", wrapped)).isInstanceOf(MasterKeyUnavailable.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void givenProductionSettings_thenTheLocalKeyAndStubCredentialsAreRefused() {
    MasterKeySettings settings =
        kmsActive(
            "k",
            "alias/k",
            new MasterKeySettings.Retired("local-1", MasterKeySettings.LOCAL_KEY, null));

    assertThat(settings.problems(true))
        .anyMatch(p -> p.contains("masterKey.retired[local-1].key is the local development key"))
        .anyMatch(p -> p.contains("stubCredentials"));
    assertThat(settings.problems(false)).isEmpty();
  }
}
