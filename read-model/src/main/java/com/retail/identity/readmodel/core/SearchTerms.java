package com.retail.identity.readmodel.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the search index holds instead of personal data: keyed hashes (HMAC-SHA256 with the search
 * key, 128 bits, base64url) of the email address, of the phone number and of every prefix of every
 * name word. Support staff still find a customer by exact email or phone and by name as they type
 * ("grace hop" finds Grace Hopper); the index alone gives none of it back, and without the key its
 * terms cannot be guessed offline. The writer and the query hash alike, so both normalise here.
 */
public final class SearchTerms {
  /** Prefixes of a name word are indexed up to this length; longer query words are cut to it. */
  public static final int MAX_PREFIX = 20;

  private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private final SecretKeySpec key;

  public SearchTerms(byte[] key) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("the search key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
  }

  /** The term of an email address: case and Unicode compatibility forms do not matter. */
  public String email(String email) {
    return hash(
        "email",
        Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
  }

  /** The term of an E.164 phone number. */
  public String phone(String e164) {
    return hash("phone", e164.strip());
  }

  /** Every prefix of every word of the names, as a set of terms (empty for no names). */
  public List<String> namePrefixes(String... names) {
    Set<String> terms = new LinkedHashSet<>();
    for (String name : names) {
      for (String word : words(name)) {
        for (int length = 1; length <= Math.min(word.length(), MAX_PREFIX); length++) {
          terms.add(hash("name", word.substring(0, length)));
        }
      }
    }
    return List.copyOf(terms);
  }

  /** One term per typed word, each matching the names that have a word starting with it. */
  public List<String> typedName(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : words(text)) {
      terms.add(hash("name", word.substring(0, Math.min(word.length(), MAX_PREFIX))));
    }
    return terms;
  }

  /**
   * Words as the old analyser made them: split on anything but letters and digits, lower case,
   * accents off.
   */
  static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String folded =
        MARKS
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFKD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : WORD_SEPARATORS.split(folded)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private String hash(String purpose, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
