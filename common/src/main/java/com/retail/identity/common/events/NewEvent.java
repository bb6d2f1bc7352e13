package com.retail.identity.common.events;

/** An event about to be appended: its type, schema version and JSON payload. */
public record NewEvent(String type, int schemaVersion, String payload) {}
