package com.retail.identity.command.core;

import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A customer changes their profile: names, country, phone, locale ({@code ProfileUpdated}). */
public final class ChangeProfile {
  /**
   * The fields to change; null leaves a field as it is. An email is refused: it is changed
   * elsewhere. With {@code expectedVersion} (If-Match) a stale version is refused; without it the
   * change applies to the current version. A new phone needs {@code proof} ({@link RecentProof}):
   * the phone is what launch purchases are gated on.
   */
  public record Command(
      UUID userId,
      String firstName,
      String lastName,
      String country,
      String phone,
      String locale,
      String email,
      Long expectedVersion,
      Proof proof) {
    @Override
    public String toString() {
      return "ChangeProfile.Command[userId=" + userId + ", country=" + country + "]";
    }
  }

  public record Changed(UUID userId, long version) {}

  private final RegistrationRules rules;
  private final AccountWrites accounts;
  private final RecentProof recentProof;
  private final AccountDataSeal seal;
  private final Auditor auditor;
  private final Clock clock;

  public ChangeProfile(
      RegistrationRules rules,
      AccountWrites accounts,
      RecentProof recentProof,
      AccountDataSeal seal,
      Auditor auditor,
      Clock clock) {
    this.rules = rules;
    this.accounts = accounts;
    this.recentProof = recentProof;
    this.seal = seal;
    this.auditor = auditor;
    this.clock = clock;
  }

  public Changed change(Command command, String correlationId) {
    List<FieldViolation> errors = RegistrationRules.errors();
    if (command.email() != null) {
      errors.add(new FieldViolation("email", "cannot be changed with this request"));
    }
    rules.name("firstName", command.firstName(), false, errors);
    rules.name("lastName", command.lastName(), false, errors);
    rules.country(command.country(), false, errors);
    rules.phone(command.phone(), errors);
    rules.locale(command.locale(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    UUID userId = command.userId();
    Credentials.Credential credential = accounts.live(userId);
    if (command.phone() != null) {
      recentProof.check(credential, command.proof());
    }
    PersonalData changed =
        new PersonalData(
            null,
            strip(command.firstName()),
            strip(command.lastName()),
            RegistrationRules.e164(command.phone()));
    String pii =
        changed.firstName() == null && changed.lastName() == null && changed.phone() == null
            ? null
            : seal.seal(userId, changed);
    NewEvent event =
        new UserEvents.ProfileUpdated(pii, command.country(), command.locale(), clock.instant())
            .toEvent();
    if (command.proof() instanceof Proof.AdminAct admin) {
      auditor.record(
          admin.acting(), AuditAction.CHANGE_PROFILE, userId.toString(), changedFields(command));
    }
    long version =
        accounts.append(
            credential, command.expectedVersion(), event, Credentials.Change.NONE, correlationId);
    return new Changed(userId, version);
  }

  /** Which fields an admin changed, for the audit: names only, never values. */
  private static String changedFields(Command command) {
    List<String> fields = new java.util.ArrayList<>();
    if (command.firstName() != null) {
      fields.add("firstName");
    }
    if (command.lastName() != null) {
      fields.add("lastName");
    }
    if (command.country() != null) {
      fields.add("country");
    }
    if (command.phone() != null) {
      fields.add("phone");
    }
    if (command.locale() != null) {
      fields.add("locale");
    }
    return "changed=" + String.join(",", fields);
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }
}
