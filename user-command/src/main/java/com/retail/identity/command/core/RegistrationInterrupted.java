package com.retail.identity.command.core;

import com.retail.identity.common.domain.DomainException;

/**
 * A registration lost its email reservation before confirming it: it ran so long (or was retried so
 * late) that the reservation reaper took the reservation back as abandoned. The registration did
 * not happen; the reaper undoes what it wrote, and sending it again registers anew.
 */
public final class RegistrationInterrupted extends DomainException {
  public RegistrationInterrupted() {
    super("the email reservation was lost before it was confirmed");
  }
}
