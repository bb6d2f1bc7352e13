package com.retail.identity.command.api;

import java.util.UUID;

public record RegistrationResponse(UUID userId, long version) {}
