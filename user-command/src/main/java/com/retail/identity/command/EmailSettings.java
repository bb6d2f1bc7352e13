package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.command.core.EmailTemplates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where account emails (password reset, email verification) go and what they say
 * (docs/adr/0013-account-recovery.md).
 *
 * <pre>
 * email:
 *   sender: SES            # or OUTBOX: kept for GET /dev/email-outbox (mode LOCAL only)
 *   from: "Retail &lt;no-reply@retail.example&gt;"
 *   ses: {endpoint: "", region: ""}
 *   deliveryThreads: 2     # emails are sent off the request thread, from a bounded queue
 *   deliveryQueue: 1000    # beyond it a reset request is answered 503 + Retry-After
 *   templates:
 *     reset: {en: {subject: ..., body: "... {token} ... {minutes} ..."}}
 *     verification: {en: {...}}
 * </pre>
 */
public class EmailSettings {
  public enum Sender {
    SES,
    OUTBOX
  }

  @JsonProperty @NotNull private Sender sender = Sender.SES;

  @JsonProperty @NotEmpty private String from = "Retail <no-reply@retail.example>";

  @JsonProperty @Valid @NotNull private Ses ses = new Ses();

  @JsonProperty
  @Min(1)
  @Max(32)
  private int deliveryThreads = 2;

  @JsonProperty
  @Min(1)
  @Max(100_000)
  private int deliveryQueue = 1000;

  @JsonProperty @NotEmpty
  private Map<String, EmailTemplates.Template> reset =
      new LinkedHashMap<>(
          Map.of(
              "en",
              new EmailTemplates.Template(
                  "Reset your Retail password",
                  "Someone asked to reset the password of your Retail account.\n\n"
                      + "To choose a new one, open this link within {minutes} minutes:\n"
                      + "https://account.retail.example/reset#token={token}\n\n"
                      + "If it was not you, ignore this email: your password stays as it is.")));

  @JsonProperty @NotEmpty
  private Map<String, EmailTemplates.Template> verification =
      new LinkedHashMap<>(
          Map.of(
              "en",
              new EmailTemplates.Template(
                  "Confirm your email address",
                  "Welcome to Retail. To confirm that this address is yours, open this link"
                      + " within {hours} hours:\n"
                      + "https://account.retail.example/verify-email#token={token}\n\n"
                      + "If you did not create an account, ignore this email.")));

  public Sender getSender() {
    return sender;
  }

  public String getFrom() {
    return from;
  }

  public Ses getSes() {
    return ses;
  }

  public int getDeliveryThreads() {
    return deliveryThreads;
  }

  public int getDeliveryQueue() {
    return deliveryQueue;
  }

  /**
   * The templates, with {@code {issuer}} replaced by the platform's public address (a link to a
   * hosted page, e.g. {@code {issuer}/oauth2/password-reset/new#token={token}}).
   */
  public EmailTemplates templates(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    Map<EmailTemplates.Kind, Map<String, EmailTemplates.Template>> byKind =
        new EnumMap<>(EmailTemplates.Kind.class);
    byKind.put(EmailTemplates.Kind.PASSWORD_RESET, withIssuer(reset, base));
    byKind.put(EmailTemplates.Kind.EMAIL_VERIFICATION, withIssuer(verification, base));
    return new EmailTemplates(byKind);
  }

  private static Map<String, EmailTemplates.Template> withIssuer(
      Map<String, EmailTemplates.Template> templates, String issuer) {
    Map<String, EmailTemplates.Template> resolved = new LinkedHashMap<>();
    templates.forEach(
        (language, template) ->
            resolved.put(
                language,
                new EmailTemplates.Template(
                    template.subject().replace("{issuer}", issuer),
                    template.body().replace("{issuer}", issuer))));
    return resolved;
  }

  /** What is wrong with the templates: each set needs {@code en}, each body its {token}. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    check("reset", reset, problems);
    check("verification", verification, problems);
    return problems;
  }

  private static void check(
      String name, Map<String, EmailTemplates.Template> templates, List<String> problems) {
    if (!templates.containsKey("en")) {
      problems.add("email." + name + " must have an en template (the fallback)");
    }
    templates.forEach(
        (language, template) -> {
          if (template == null
              || template.subject() == null
              || template.subject().isBlank()
              || template.body() == null
              || !template.body().contains("{token}")) {
            problems.add(
                "email." + name + "." + language + " needs a subject and a body with {token}");
          }
        });
  }

  /** The SES client. */
  public static class Ses {
    /** Empty: the region's public endpoint; tests point it at a local stub. */
    @JsonProperty private String endpoint = "";

    /** Empty: the instance's region (AWS_REGION, set by boot-env from instance metadata). */
    @JsonProperty private String region = "";

    public String getEndpoint() {
      return endpoint;
    }

    public String getRegion() {
      return region;
    }
  }
}
