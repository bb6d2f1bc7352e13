package com.retail.identity.command.api;

import java.util.UUID;

/**
 * The user's stream version after a change: read it back with {@code GET
 * /v1/users/{id}?minVersion=}.
 */
public record VersionResponse(UUID userId, long version) {}
