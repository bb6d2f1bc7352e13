package com.retail.identity.command.cli;

import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.ChangeRoles;
import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.NotFound;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Staff roles in production, from the service's own jar and configuration: {@code grant-role},
 * {@code revoke-role} and {@code list-roles} for {@code admin} (everything support may do, plus
 * erase, flag, change accounts and read the audit trail) and {@code support} (read and search
 * customers only). Each grant and revoke is audited as {@code cli:<login>}.
 */
public abstract class RoleCommand extends ConfiguredCommand<UserCommandConfiguration> {
  private final boolean names;

  private RoleCommand(String name, String description, boolean namesAnAccount) {
    super(name, description);
    this.names = namesAnAccount;
  }

  /** The three role commands. */
  public static List<RoleCommand> all() {
    return List.of(new Grant(), new Revoke(), new ListHolders());
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--role").required(true).help("admin or support");
    if (names) {
      subparser.addArgument("--email").required(true).help("the account's sign-in email");
      subparser.addArgument("--reason").help("why (a ticket number, say); kept in the audit trail");
    }
  }

  @Override
  protected void run(
      Bootstrap<UserCommandConfiguration> bootstrap,
      Namespace namespace,
      UserCommandConfiguration configuration) {
    try (StaffRoles roles = new StaffRoles(configuration)) {
      run(roles.changeRoles(), namespace, System.out);
    } catch (InvalidInput e) {
      throw new IllegalArgumentException(
          String.join(
              "; ", e.violations().stream().map(v -> v.field() + ": " + v.message()).toList()));
    } catch (NotFound e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  abstract void run(ChangeRoles roles, Namespace namespace, PrintStream out);

  /**
   * The operator, as the audit names them: the login running this command (the one that ran sudo,
   * when it runs under sudo).
   */
  static Acting acting(Namespace namespace) {
    String sudoer = System.getenv("SUDO_USER");
    String login =
        (sudoer != null && !sudoer.isBlank() ? sudoer : System.getProperty("user.name", ""))
            .replaceAll("[^A-Za-z0-9._-]", "_");
    return new Acting(
        "cli:" + (login.isEmpty() ? "unknown" : login),
        "cli-" + UUID.randomUUID(),
        Acting.checkedReason(namespace.getString("reason"), "--reason"));
  }

  /** One line: what happened to which account, and the roles it holds now. */
  static void report(
      PrintStream out,
      ChangeRoles.Changed changed,
      String what,
      Namespace namespace,
      String toOrFrom) {
    out.println(
        what
            + namespace.getString("role")
            + toOrFrom
            + changed.userId()
            + ", roles now "
            + new TreeSet<>(changed.roles()));
  }

  static ChangeRoles.Command command(Namespace namespace) {
    return new ChangeRoles.Command(namespace.getString("email"), namespace.getString("role"));
  }

  static final class Grant extends RoleCommand {
    Grant() {
      super(
          "grant-role",
          "Grants a staff role; it is in the account's tokens from its next sign-in",
          true);
    }

    @Override
    void run(ChangeRoles roles, Namespace namespace, PrintStream out) {
      ChangeRoles.Changed changed = roles.grant(acting(namespace), command(namespace));
      report(out, changed, changed.changed() ? "granted " : "already held: ", namespace, " to ");
      out.println("  (in its tokens from its next sign-in)");
    }
  }

  static final class Revoke extends RoleCommand {
    Revoke() {
      super("revoke-role", "Revokes a staff role and ends every session of the account", true);
    }

    @Override
    void run(ChangeRoles roles, Namespace namespace, PrintStream out) {
      ChangeRoles.Changed changed = roles.revoke(acting(namespace), command(namespace));
      report(out, changed, changed.changed() ? "revoked " : "not held: ", namespace, " from ");
      out.println("  (every session of the account ended)");
    }
  }

  static final class ListHolders extends RoleCommand {
    ListHolders() {
      super("list-roles", "Lists who holds a staff role, oldest grant first", false);
    }

    @Override
    void run(ChangeRoles roles, Namespace namespace, PrintStream out) {
      String role = namespace.getString("role");
      List<ChangeRoles.Holder> holders = roles.holders(role);
      for (ChangeRoles.Holder holder : holders) {
        out.println(
            holder.userId()
                + "  "
                + (holder.email() == null ? "(email unreadable)" : holder.email())
                + "  since "
                + holder.since());
      }
      out.println(holders.size() + " account(s) hold " + role);
    }
  }
}
