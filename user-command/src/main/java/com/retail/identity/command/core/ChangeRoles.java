package com.retail.identity.command.core;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Operators grant and revoke the staff roles ({@code admin}, {@code support}) of an account named
 * by its email, and list who holds them. Each grant or revoke is audited first, then written as a
 * {@code RolesChanged} event with the credential's new roles in the same write. A role takes effect
 * at the account's next sign-in (roles travel in access tokens); a revoke also ends every session
 * of the account, so its tokens with the role are refused within seconds.
 */
public final class ChangeRoles {
  /** Which account (by its email) and which role. */
  public record Command(String email, String role) {
    @Override
    public String toString() {
      return "ChangeRoles.Command[role=" + role + "]";
    }
  }

  /** {@code changed} is false when the account held (or lacked) the role already. */
  public record Changed(UUID userId, Set<String> roles, boolean changed) {}

  /** A holder of a role, with the email it signs in with (null when it cannot be read). */
  public record Holder(UUID userId, String email, Instant since) {}

  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final AccountWrites accounts;
  private final RoleHolders holders;
  private final SessionEnds sessionEnds;
  private final AccountContacts contacts;
  private final Auditor auditor;
  private final Clock clock;

  public ChangeRoles(
      EmailKeys emailKeys,
      EmailReservations reservations,
      AccountWrites accounts,
      RoleHolders holders,
      SessionEnds sessionEnds,
      AccountContacts contacts,
      Auditor auditor,
      Clock clock) {
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.accounts = accounts;
    this.holders = holders;
    this.sessionEnds = sessionEnds;
    this.contacts = contacts;
    this.auditor = auditor;
    this.clock = clock;
  }

  public Changed grant(Acting acting, Command command) {
    String role = staffRole(command.role());
    Credentials.Credential credential = accountOf(command.email());
    UUID userId = credential.userId();
    auditor.record(acting, AuditAction.GRANT_ROLE, userId.toString(), "role=" + role);
    // The index first: a grant that dies before its event leaves a row the listing skips.
    holders.add(role, userId, clock.instant());
    if (credential.roles().contains(role)) {
      return new Changed(userId, credential.roles(), false);
    }
    Set<String> roles = new HashSet<>(credential.roles());
    roles.add(role);
    return written(credential, roles, acting);
  }

  public Changed revoke(Acting acting, Command command) {
    String role = staffRole(command.role());
    Credentials.Credential credential = accountOf(command.email());
    UUID userId = credential.userId();
    auditor.record(acting, AuditAction.REVOKE_ROLE, userId.toString(), "role=" + role);
    Changed changed;
    if (credential.roles().contains(role)) {
      Set<String> roles = new HashSet<>(credential.roles());
      roles.remove(role);
      changed = written(credential, roles, acting);
    } else {
      changed = new Changed(userId, credential.roles(), false);
    }
    // After the event, and again on a repeated revoke: a revoke that died half way is finished by
    // running it again.
    holders.remove(role, userId);
    sessionEnds.endAllBut(userId, null);
    return changed;
  }

  /** The accounts that hold the role now, oldest grant first. */
  public List<Holder> holders(String role) {
    String staffRole = staffRole(role);
    List<Holder> found = new ArrayList<>();
    for (RoleHolders.Holder row : holders.holders(staffRole)) {
      Optional<Credentials.Credential> account = accountsFind(row.userId());
      if (account.isPresent() && account.get().roles().contains(staffRole)) {
        String email = contacts.of(row.userId()).map(AccountContacts.Contact::email).orElse(null);
        found.add(new Holder(row.userId(), email, row.since()));
      }
    }
    found.sort(java.util.Comparator.comparing(Holder::since));
    return found;
  }

  private Optional<Credentials.Credential> accountsFind(UUID userId) {
    try {
      return Optional.of(accounts.live(userId));
    } catch (NotFound erased) {
      return Optional.empty();
    }
  }

  private Changed written(Credentials.Credential credential, Set<String> roles, Acting acting) {
    accounts.append(
        credential,
        null,
        new UserEvents.RolesChanged(new TreeSet<>(roles), clock.instant()).toEvent(),
        new Credentials.Change.NewRoles(Set.copyOf(roles)),
        acting.requestId());
    return new Changed(credential.userId(), Set.copyOf(roles), true);
  }

  private Credentials.Credential accountOf(String email) {
    if (email == null || email.isBlank()) {
      throw InvalidInput.of("email", "is required");
    }
    return reservations
        .ownerOf(emailKeys.keyOf(email))
        .map(accounts::live)
        .orElseThrow(() -> new NotFound("No account signs in with this email."));
  }

  private static String staffRole(String role) {
    if (role == null || !Principal.STAFF_ROLES.contains(role)) {
      throw InvalidInput.of("role", "must be one of " + new TreeSet<>(Principal.STAFF_ROLES));
    }
    return role;
  }
}
