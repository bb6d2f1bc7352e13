package com.retail.identity.command.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  private final TrustedProxies elb = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8"));

  @Test
  void theRightMostUntrustedHopIsTheClient() {
    assertThat(ClientAddresses.resolve("10.0.3.7", "198.51.100.9, 203.0.113.5", elb))
        .isEqualTo("203.0.113.5");
    assertThat(ClientAddresses.resolve("10.0.3.7", "203.0.113.5, 10.0.9.9", elb))
        .isEqualTo("203.0.113.5");
  }

  @Test
  void aClientCannotSpoofItsAddressWhenItTalksToUsDirectly() {
    assertThat(ClientAddresses.resolve("203.0.113.5", "1.2.3.4", elb)).isEqualTo("203.0.113.5");
    assertThat(ClientAddresses.resolve("203.0.113.5", "1.2.3.4", TrustedProxies.none()))
        .isEqualTo("203.0.113.5");
  }

  @Test
  void garbageInTheHeaderStopsTheWalk() {
    assertThat(ClientAddresses.resolve("10.0.3.7", "evil.example, 203.0.113.5", elb))
        .isEqualTo("203.0.113.5");
    assertThat(ClientAddresses.resolve("10.0.3.7", "not-an-ip", elb)).isEqualTo("10.0.3.7");
  }

  @Test
  void subnetsAreSlash24AndSlash56() {
    assertThat(ClientAddresses.subnetOf("203.0.113.77")).isEqualTo("203.0.113.0/24");
    assertThat(ClientAddresses.subnetOf("::ffff:203.0.113.77")).isEqualTo("203.0.113.0/24");
    assertThat(ClientAddresses.subnetOf("2001:db8:1234:56ff:1:2:3:4"))
        .isEqualTo("2001:db8:1234:5600::/56");
  }

  @Test
  void domainsAreNormalised() {
    assertThat(AdmissionRequest.domainOf("Grace@Mailinator.COM.")).isEqualTo("mailinator.com");
    assertThat(AdmissionRequest.domainOf("a@bücher.example")).isEqualTo("xn--bcher-kva.example");
    assertThat(AdmissionRequest.domainOf("no-at-sign")).isNull();
    assertThat(DisposableEmailDomains.candidates("x.y.mailinator.com"))
        .containsExactly("x.y.mailinator.com", "y.mailinator.com", "mailinator.com");
    assertThat(DisposableEmailDomains.builtIn("eu.mailinator.com")).isTrue();
  }
}
