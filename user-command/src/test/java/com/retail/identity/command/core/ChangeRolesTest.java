package com.retail.identity.command.core;

import static com.retail.identity.command.core.fakes.InMemoryCore.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.tokens.Principal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operators grant and revoke staff roles: audited, written with an event, listed, enforced. */
class ChangeRolesTest {
  private final InMemoryCore core = new InMemoryCore();
  private final ChangeRoles changeRoles = core.changeRoles();
  private final UUID grace = core.registered("grace@example.com");
  private final Acting operator = new Acting("cli:ops", "cli-1", "new support hire");

  @AfterEach
  void close() {
    core.close();
  }

  private ChangeRoles.Command grace(String role) {
    return new ChangeRoles.Command("Grace@Example.com", role);
  }

  @Test
  void givenACustomer_whenGrantedSupport_thenTheirNextSignInCarriesItAndTheyAreListed() {
    ChangeRoles.Changed changed = changeRoles.grant(operator, grace(Principal.SUPPORT));

    assertThat(changed.changed()).isTrue();
    assertThat(changed.roles()).containsExactlyInAnyOrder(Principal.USER, Principal.SUPPORT);
    List<StoredEvent> stream = core.events.readStream(grace);
    assertThat(stream.get(stream.size() - 1).type()).isEqualTo(EventTypes.ROLES_CHANGED);
    String token =
        core.sessions()
            .start(core.logIn().authenticate("grace@example.com", PASSWORD))
            .accessToken();
    assertThat(core.tokenVerifier().verify(token).orElseThrow().roles())
        .contains(Principal.SUPPORT);
    assertThat(changeRoles.holders(Principal.SUPPORT))
        .extracting(ChangeRoles.Holder::userId, ChangeRoles.Holder::email)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(grace, "grace@example.com"));
    assertThat(core.audit.all())
        .extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::actor, AuditEntry::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                AuditAction.GRANT_ROLE, grace.toString(), "cli:ops", "role=support"));
  }

  @Test
  void givenAGrantedRole_whenGrantedAgain_thenNothingChangesButTheActIsAudited() {
    changeRoles.grant(operator, grace(Principal.ADMIN));
    long version = core.events.currentVersion(grace);

    ChangeRoles.Changed again = changeRoles.grant(operator, grace(Principal.ADMIN));

    assertThat(again.changed()).isFalse();
    assertThat(core.events.currentVersion(grace)).isEqualTo(version);
    assertThat(core.audit.all()).hasSize(2);
  }

  @Test
  void givenAnAdminSignedIn_whenTheRoleIsRevoked_thenTheirSessionsEndAndTheyAreNoLongerListed() {
    changeRoles.grant(operator, grace(Principal.ADMIN));
    Sessions.Session session =
        core.sessions().start(core.logIn().authenticate("grace@example.com", PASSWORD));

    ChangeRoles.Changed revoked = changeRoles.revoke(operator, grace(Principal.ADMIN));

    assertThat(revoked.roles()).containsExactly(Principal.USER);
    assertThat(core.endedSessions.endedSince(core.clock.instant().minusSeconds(1)))
        .extracting(ended -> ended.sessionId())
        .contains(core.tokenVerifier().verify(session.accessToken()).orElseThrow().sessionId());
    assertThat(changeRoles.holders(Principal.ADMIN)).isEmpty();
    assertThat(core.audit.all())
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.GRANT_ROLE, AuditAction.REVOKE_ROLE);
  }

  @Test
  void givenAGrantThatDiedBeforeItsEvent_whenListing_thenTheAccountIsNotListed() {
    core.roleHolders.add(Principal.ADMIN, grace, core.clock.instant());

    assertThat(changeRoles.holders(Principal.ADMIN)).isEmpty();
  }

  @Test
  void givenTheAuditTrailDown_whenGranting_thenNothingChanges() {
    core.audit.down = true;

    assertThatThrownBy(() -> changeRoles.grant(operator, grace(Principal.ADMIN)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(core.events.currentVersion(grace)).isEqualTo(1);
    assertThat(core.roleHolders.holders(Principal.ADMIN)).isEmpty();
  }

  @Test
  void givenARoleThatIsNoStaffRoleOrAnUnknownEmail_thenRefusedNamingWhat() {
    assertThatThrownBy(() -> changeRoles.grant(operator, grace(Principal.SERVICE)))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("role"));
    assertThatThrownBy(
            () ->
                changeRoles.grant(
                    operator, new ChangeRoles.Command("nobody@example.com", Principal.ADMIN)))
        .isInstanceOf(NotFound.class);
    assertThat(core.audit.all()).isEmpty();
  }
}
