package com.retail.identity.common.http;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.tokens.Principal;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The audit's view of a request made by staff: the caller's id, the request id and the reason in
 * the {@value Acting#REASON_HEADER} header (checked; a bad one is a 400 naming the header).
 */
public final class ActingCaller {
  private ActingCaller() {}

  public static Acting of(Principal caller, HttpServletRequest request) {
    return new Acting(
        caller.getName(),
        (String) request.getAttribute(RequestIdFilter.MDC_KEY),
        Acting.checkedReason(request.getHeader(Acting.REASON_HEADER), Acting.REASON_HEADER));
  }
}
