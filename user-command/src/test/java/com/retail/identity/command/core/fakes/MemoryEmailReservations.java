package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.RegistrationInterrupted;
import com.retail.identity.command.core.ReservationAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Email reservations with the real ones' rules: one holder per key; a reservation left pending past
 * the abandonment window (its registration died) may be taken over; every attempt is noted first,
 * for the reservation reaper.
 */
public final class MemoryEmailReservations implements EmailReservations, ReservationAttempts {
  private record Reservation(UUID userId, boolean pending, Instant reservedAt) {}

  private final Map<String, Reservation> reservations = new HashMap<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final Clock clock;
  private final Duration abandonedAfter;

  public MemoryEmailReservations(Clock clock, Duration abandonedAfter) {
    this.clock = clock;
    this.abandonedAfter = abandonedAfter;
  }

  @Override
  public synchronized EmailReservations.Reservation reserve(String emailKey, UUID userId) {
    Instant now = clock.instant();
    attempts.add(new Attempt(emailKey, userId, now, false));
    Reservation holder = reservations.get(emailKey);
    if (holder != null && holder.userId().equals(userId)) {
      return EmailReservations.Reservation.ALREADY_HELD;
    }
    boolean free =
        holder == null
            || holder.pending() && holder.reservedAt().isBefore(now.minus(abandonedAfter));
    if (!free) {
      return EmailReservations.Reservation.TAKEN;
    }
    reservations.put(emailKey, new Reservation(userId, true, now));
    return EmailReservations.Reservation.RESERVED;
  }

  @Override
  public synchronized void confirm(String emailKey, UUID userId) {
    Reservation holder = reservations.get(emailKey);
    if (holder == null || !holder.userId().equals(userId)) {
      throw new RegistrationInterrupted();
    }
    reservations.put(emailKey, new Reservation(userId, false, holder.reservedAt()));
  }

  @Override
  public synchronized void release(String emailKey, UUID userId) {
    reservations.computeIfPresent(
        emailKey, (k, holder) -> holder.userId().equals(userId) ? null : holder);
  }

  @Override
  public synchronized void noteErasure(String emailKey, UUID userId) {
    attempts.add(new Attempt(emailKey, userId, clock.instant(), true));
  }

  @Override
  public synchronized Optional<UUID> ownerOf(String emailKey) {
    return Optional.ofNullable(reservations.get(emailKey))
        .filter(r -> !r.pending())
        .map(Reservation::userId);
  }

  @Override
  public synchronized List<Attempt> between(Instant from, Instant to) {
    return attempts.stream()
        .filter(a -> !a.at().isBefore(from) && a.at().isBefore(to))
        .sorted(Comparator.comparing(Attempt::at))
        .toList();
  }

  @Override
  public synchronized Optional<Holding> holding(String emailKey) {
    return Optional.ofNullable(reservations.get(emailKey))
        .map(r -> new Holding(r.userId(), r.pending(), r.reservedAt()));
  }

  @Override
  public synchronized boolean removePending(String emailKey, UUID userId) {
    Reservation holder = reservations.get(emailKey);
    if (holder == null || !holder.pending() || !holder.userId().equals(userId)) {
      return false;
    }
    reservations.remove(emailKey);
    return true;
  }
}
