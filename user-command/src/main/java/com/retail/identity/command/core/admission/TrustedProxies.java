package com.retail.identity.command.core.admission;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Address ranges of our own proxies (the load balancers' subnets, e.g. the VPC's private ranges),
 * whose {@code X-Forwarded-For} entries are believed.
 */
public final class TrustedProxies {
  private final List<byte[]> networks = new ArrayList<>();
  private final List<Integer> prefixes = new ArrayList<>();

  private TrustedProxies() {}

  /** From CIDR strings such as {@code 10.0.0.0/8}, {@code 127.0.0.1/32}, {@code fd00::/8}. */
  public static TrustedProxies of(List<String> cidrs) {
    TrustedProxies proxies = new TrustedProxies();
    for (String cidr : cidrs == null ? List.<String>of() : cidrs) {
      if (cidr == null || cidr.isBlank()) {
        continue; // an unset ${TRUSTED_PROXIES:-} in the configuration: no proxy
      }
      String[] parts = cidr.strip().split("/");
      InetAddress network = ClientAddresses.parse(parts[0]);
      if (network == null) {
        throw new IllegalArgumentException("not a CIDR range: " + cidr);
      }
      int max = network.getAddress().length * 8;
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : max;
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("bad prefix length in " + cidr);
      }
      proxies.networks.add(network.getAddress());
      proxies.prefixes.add(prefix);
    }
    return proxies;
  }

  public static TrustedProxies none() {
    return new TrustedProxies();
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < networks.size(); i++) {
      byte[] network = networks.get(i);
      if (network.length == bytes.length && matches(network, bytes, prefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] network, byte[] address, int prefix) {
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
