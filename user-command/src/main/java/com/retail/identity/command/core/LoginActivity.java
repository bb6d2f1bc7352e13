package com.retail.identity.command.core;

import com.retail.identity.common.events.UserEvents;
import java.util.UUID;

/**
 * Login outcomes, in their own time-bucketed stream so user streams do not grow with every login.
 */
public interface LoginActivity {
  void record(UUID userId, UserEvents.Payload event);
}
