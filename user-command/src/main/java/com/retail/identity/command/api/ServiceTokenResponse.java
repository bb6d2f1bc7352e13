package com.retail.identity.command.api;

public record ServiceTokenResponse(String accessToken, String tokenType, int expiresIn) {}
