package com.retail.identity.command.resources;

import com.retail.identity.command.core.admission.ClientAddresses;
import com.retail.identity.command.core.admission.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, as admission control sees it. */
record Origin(String clientAddress, String deviceId, String challengeSolution) {
  /** The same origin with the proof-of-work solution the hosted page's form carries. */
  Origin withChallengeSolution(String solution) {
    return new Origin(clientAddress, deviceId, solution);
  }

  static Origin of(HttpServletRequest http, TrustedProxies proxies) {
    return new Origin(
        ClientAddresses.resolve(http.getRemoteAddr(), http.getHeader("X-Forwarded-For"), proxies),
        http.getHeader("X-Device-Id"),
        http.getHeader("X-Challenge-Solution"));
  }
}
