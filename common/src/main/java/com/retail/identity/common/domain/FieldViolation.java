package com.retail.identity.common.domain;

/** One input field that breaks a rule, and how. */
public record FieldViolation(String field, String message) {}
