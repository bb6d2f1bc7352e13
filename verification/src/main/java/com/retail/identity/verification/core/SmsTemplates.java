package com.retail.identity.verification.core;

import java.util.Locale;
import java.util.Map;

/** SMS texts per language, from configuration; {@code en} is the fallback. */
public final class SmsTemplates {
  private final Map<String, String> templates;

  public SmsTemplates(Map<String, String> templates) {
    this.templates = Map.copyOf(templates);
  }

  /**
   * @param language a language tag or an Accept-Language value ({@code de-DE}, {@code
   *     fr;q=0.8,en}), or null
   */
  public String render(String language, String code, long minutes) {
    return templateFor(language)
        .replace("{code}", code)
        .replace("{minutes}", Long.toString(minutes));
  }

  String templateFor(String language) {
    if (language != null) {
      for (String range : language.split(",")) {
        // split(...) drops trailing empty parts: "-" and ";" give no parts at all, and name no
        // language.
        String[] tagAndWeight = range.split(";");
        String tag =
            tagAndWeight.length == 0 ? "" : tagAndWeight[0].strip().toLowerCase(Locale.ROOT);
        String[] subtags = tag.split("[-_]");
        String primary = subtags.length == 0 ? "" : subtags[0];
        if (templates.containsKey(tag)) {
          return templates.get(tag);
        }
        if (templates.containsKey(primary)) {
          return templates.get(primary);
        }
      }
    }
    return templates.get("en");
  }
}
