package com.retail.identity.common.text;

import java.util.Locale;
import java.util.Map;

/**
 * Texts (SMS, email) kept per language, picked by a language tag or an Accept-Language value;
 * {@code en} is the fallback every set must have.
 */
public final class ByLanguage<T> {
  public static final String FALLBACK = "en";
  private final Map<String, T> texts;

  public ByLanguage(Map<String, T> texts) {
    if (!texts.containsKey(FALLBACK)) {
      throw new IllegalArgumentException("texts need an " + FALLBACK + " entry (the fallback)");
    }
    this.texts = Map.copyOf(texts);
  }

  /**
   * @param language a language tag or an Accept-Language value ({@code de-DE}, {@code
   *     fr;q=0.8,en}), or null
   */
  public T pick(String language) {
    if (language != null) {
      for (String range : language.split(",")) {
        // split(...) drops trailing empty parts: "-" and ";" give no parts at all, and name no
        // language.
        String[] tagAndWeight = range.split(";");
        String tag =
            tagAndWeight.length == 0 ? "" : tagAndWeight[0].strip().toLowerCase(Locale.ROOT);
        String[] subtags = tag.split("[-_]");
        String primary = subtags.length == 0 ? "" : subtags[0];
        if (texts.containsKey(tag)) {
          return texts.get(tag);
        }
        if (texts.containsKey(primary)) {
          return texts.get(primary);
        }
      }
    }
    return texts.get(FALLBACK);
  }
}
