package com.retail.identity.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** Payload schemas of user events, and their JSON codec. */
public final class UserEvents {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private UserEvents() {}

  /** Schema version 1. */
  public record UserRegistered(String email, String firstName, String lastName, String country, String phone,
      String locale, Instant registeredAt) {
    public static final int VERSION = 1;

    public NewEvent toEvent() {
      return new NewEvent(EventTypes.USER_REGISTERED, VERSION, write(this));
    }
  }

  public static String write(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(StoredEvent event, Class<T> type) {
    try {
      return JSON.readValue(event.payload(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.eventId() + " of type " + event.type() + " is unreadable", e);
    }
  }
}
