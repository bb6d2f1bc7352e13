package com.retail.identity.command.api;

import java.util.UUID;

public record SessionResponse(
    String accessToken, String tokenType, int expiresIn, String refreshToken, UUID userId) {}
