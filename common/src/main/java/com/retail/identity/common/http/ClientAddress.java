package com.retail.identity.common.http;

import java.util.List;
import java.util.Set;

/**
 * The address a request really came from. {@code X-Forwarded-For} is honoured only when the
 * direct peer is a configured trusted proxy; then the right-most address that is not itself a
 * trusted proxy is the client (entries further left are whatever the client chose to send).
 */
public final class ClientAddress {
  private final Set<String> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  public String resolve(String remoteAddress, String forwardedFor) {
    if (forwardedFor == null || !trustedProxies.contains(remoteAddress)) {
      return remoteAddress;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return remoteAddress;
  }
}
