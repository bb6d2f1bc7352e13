package com.retail.identity.verification.api;

public record ConfirmResponse(boolean verified) {}
