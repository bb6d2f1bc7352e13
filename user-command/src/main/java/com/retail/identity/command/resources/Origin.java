package com.retail.identity.command.resources;

import com.retail.identity.command.core.admission.ClientAddresses;
import com.retail.identity.command.core.admission.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, as admission control sees it. */
record Origin(String clientAddress, String deviceId, String challengeSolution) {
  static Origin of(HttpServletRequest http, TrustedProxies proxies) {
    return new Origin(
        ClientAddresses.resolve(http.getRemoteAddr(), http.getHeader("X-Forwarded-For"), proxies),
        http.getHeader("X-Device-Id"),
        http.getHeader("X-Challenge-Solution"));
  }
}
