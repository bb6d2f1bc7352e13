package com.retail.identity.verification.api;

import java.util.List;

/** {@code eligible} only when {@code reasons} is empty; reasons are stable slugs. */
public record EligibilityResponse(boolean eligible, List<String> reasons) {}
