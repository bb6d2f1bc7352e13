package com.retail.identity.readmodel.core;

import com.retail.identity.common.events.StoredEvent;
import java.util.List;
import java.util.UUID;

/**
 * The read side's only use of the event store (port): one user's whole stream, in sequence order.
 */
@FunctionalInterface
public interface UserStreams {
  List<StoredEvent> readStream(UUID userId);
}
