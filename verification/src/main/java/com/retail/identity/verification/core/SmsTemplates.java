package com.retail.identity.verification.core;

import com.retail.identity.common.text.ByLanguage;
import java.util.Map;

/** SMS texts per language, from configuration; {@code en} is the fallback of each kind. */
public final class SmsTemplates {
  private final ByLanguage<String> codes;
  private final ByLanguage<String> resets;

  /**
   * @param codes texts of a one-time code, with {@code {code}} and {@code {minutes}}
   * @param resets texts of a password reset link, with {@code {token}} and {@code {minutes}}
   */
  public SmsTemplates(Map<String, String> codes, Map<String, String> resets) {
    this.codes = new ByLanguage<>(codes);
    this.resets = new ByLanguage<>(resets);
  }

  /**
   * @param language a language tag or an Accept-Language value ({@code de-DE}, {@code
   *     fr;q=0.8,en}), or null
   */
  public String render(String language, String code, long minutes) {
    return codes
        .pick(language)
        .replace("{code}", code)
        .replace("{minutes}", Long.toString(minutes));
  }

  /** A password reset link carrying {@code token}, valid {@code minutes}. */
  public String renderReset(String language, String token, long minutes) {
    return resets
        .pick(language)
        .replace("{token}", token)
        .replace("{minutes}", Long.toString(minutes));
  }
}
