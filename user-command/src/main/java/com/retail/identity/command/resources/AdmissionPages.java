package com.retail.identity.command.resources;

import com.retail.identity.command.core.admission.AdmissionDecision;
import jakarta.ws.rs.core.Response;

/** Admission control's refusals as the hosted pages show them (the JSON API's are problems). */
final class AdmissionPages {
  private AdmissionPages() {}

  /** The page again with what to do: solve the check, wait, or give up. */
  static Response refused(
      AuthorizationRequests requests, HostedPages.Page again, AdmissionDecision decision) {
    return switch (decision.outcome()) {
      case CHALLENGE -> requests.failed(again, "error_challenge", 403, decision.challenge());
      case RATE_LIMITED -> requests.failed(again, "error_rate_limited", 429, null);
      case UNAVAILABLE -> requests.failed(again, "error_unavailable", 503, null);
      case REFUSED, ALLOW -> requests.failed(again, "error_refused", 403, null);
    };
  }
}
