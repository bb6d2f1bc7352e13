package com.retail.identity.common.api;

/** One failing field of a request, as listed in a validation problem's {@code errors}. */
public record FieldError(String field, String message) {}
