package com.retail.identity.command.core;

import com.retail.identity.common.text.ByLanguage;
import java.time.Duration;
import java.util.Map;

/**
 * The account emails per language, from configuration ({@code en} is the fallback). A template's
 * {@code {token}} is replaced by the one-time token (inside the app's link), {@code {minutes}} and
 * {@code {hours}} by how long it works ({@code {issuer}}, the platform's address, is replaced when
 * the configuration is read).
 */
public final class EmailTemplates {
  /** What an email is for. */
  public enum Kind {
    PASSWORD_RESET,
    EMAIL_VERIFICATION
  }

  public record Template(String subject, String body) {}

  private final Map<Kind, ByLanguage<Template>> templates;

  public EmailTemplates(Map<Kind, Map<String, Template>> templates) {
    Map<Kind, ByLanguage<Template>> byKind = new java.util.EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      if (!templates.containsKey(kind)) {
        throw new IllegalArgumentException("no " + kind + " email templates");
      }
      byKind.put(kind, new ByLanguage<>(templates.get(kind)));
    }
    this.templates = Map.copyOf(byKind);
  }

  public EmailSender.Email render(
      Kind kind, String to, String language, String token, Duration life) {
    Template template = templates.get(kind).pick(language);
    return new EmailSender.Email(
        to,
        template.subject(),
        template
            .body()
            .replace("{token}", token)
            .replace("{minutes}", Long.toString(life.toMinutes()))
            .replace("{hours}", Long.toString(life.toHours())));
  }
}
