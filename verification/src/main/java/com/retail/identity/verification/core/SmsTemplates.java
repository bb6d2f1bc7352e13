package com.retail.identity.verification.core;

import com.retail.identity.common.text.ByLanguage;
import java.util.Map;

/** SMS texts per language, from configuration; {@code en} is the fallback. */
public final class SmsTemplates {
  private final ByLanguage<String> templates;

  public SmsTemplates(Map<String, String> templates) {
    this.templates = new ByLanguage<>(templates);
  }

  /**
   * @param language a language tag or an Accept-Language value ({@code de-DE}, {@code
   *     fr;q=0.8,en}), or null
   */
  public String render(String language, String code, long minutes) {
    return templates
        .pick(language)
        .replace("{code}", code)
        .replace("{minutes}", Long.toString(minutes));
  }
}
