package com.retail.identity.replayer.core;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.spec.InvalidKeySpecException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Synthetic existing customers for tests and benchmarks: realistic names, countries and mobile
 * numbers, and a mix of legacy hash formats. Hashing a million passwords would take hours, so each
 * user gets one of {@link #PASSWORDS} passwords, hashed once per format at a low cost (bcrypt cost
 * 4, PBKDF2 1,000 iterations, Argon2id m=64 KiB): {@link #passwordOf(long)} tells which, so tests
 * can log in as any generated user.
 */
public final class UserGenerator {
  public static final int PASSWORDS = 16;
  private static final List<String> FIRST =
      List.of(
          "Ada",
          "Grace",
          "Alan",
          "Linus",
          "Margaret",
          "Hedy",
          "Yuki",
          "Hiro",
          "Sofia",
          "Mateo",
          "Amara",
          "Chidi",
          "Ingrid",
          "Lars",
          "Camille",
          "Louis",
          "Priya",
          "Arjun",
          "Mei",
          "Wei",
          "Olga",
          "Dmitri",
          "Fatima",
          "Omar",
          "Isabella",
          "Lucas",
          "Emma",
          "Noah",
          "Zoë",
          "Björn",
          "Élodie",
          "José");
  private static final List<String> LAST =
      List.of(
          "Lovelace",
          "Hopper",
          "Turing",
          "Torvalds",
          "Hamilton",
          "Lamarr",
          "Tanaka",
          "Sato",
          "García",
          "Rossi",
          "Okafor",
          "Adeyemi",
          "Johansson",
          "Berg",
          "Dubois",
          "Martin",
          "Sharma",
          "Patel",
          "Wang",
          "Li",
          "Ivanova",
          "Petrov",
          "Haddad",
          "Khan",
          "Silva",
          "Müller",
          "Schmidt",
          "O'Brien",
          "Nguyen");
  private static final List<String> COUNTRIES =
      List.of(
          "US", "US", "US", "GB", "DE", "FR", "JP", "ES", "IT", "CA", "AU", "BR", "MX", "NL", "SE",
          "KR", "IN");
  private final String[][] hashes = new String[PASSWORDS][3];
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

  public UserGenerator() {
    for (int p = 0; p < PASSWORDS; p++) {
      String password = passwordOf(p);
      hashes[p][0] = BCrypt.withDefaults().hashToString(4, password.toCharArray());
      hashes[p][1] = pbkdf2(password, ("salt-of-password-" + p).getBytes(StandardCharsets.UTF_8));
      hashes[p][2] =
          Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id)
              .hash(1, 64, 1, password.toCharArray());
    }
  }

  public static String passwordOf(long index) {
    return "gen-Harbor-" + (index % PASSWORDS) + "-Kestrel!";
  }

  public static String emailOf(long index, String domain) {
    return "customer-" + index + "@" + domain;
  }

  /** Row {@code index} (0-based) of a generated file. */
  public ImportRow row(long index, String domain) {
    SplittableRandom random = new SplittableRandom(index * 7919 + 17);
    String country = COUNTRIES.get(random.nextInt(COUNTRIES.size()));
    boolean hasPhone = random.nextInt(10) < 7;
    String phone = hasPhone ? mobile(country, random) : null;
    return new ImportRow(
        emailOf(index, domain),
        FIRST.get(random.nextInt(FIRST.size())),
        LAST.get(random.nextInt(LAST.size())),
        country,
        phone,
        hasPhone && random.nextBoolean(),
        Instant.parse("2015-01-01T00:00:00Z").plusSeconds(random.nextLong(300_000_000L)).toString(),
        hashes[(int) (index % PASSWORDS)][(int) (index % 3)],
        random.nextBoolean() ? "en-" + country : null);
  }

  /** A valid mobile number of the country: its example number with the last four digits varied. */
  private String mobile(String country, SplittableRandom random) {
    Phonenumber.PhoneNumber example =
        phones.getExampleNumberForType(country, PhoneNumberUtil.PhoneNumberType.MOBILE);
    if (example == null) {
      return null;
    }
    for (int attempt = 0; attempt < 5; attempt++) {
      long national = example.getNationalNumber() / 10_000 * 10_000 + random.nextInt(10_000);
      Phonenumber.PhoneNumber candidate =
          new Phonenumber.PhoneNumber()
              .setCountryCode(example.getCountryCode())
              .setNationalNumber(national);
      if (phones.isValidNumber(candidate)) {
        return phones.format(candidate, PhoneNumberUtil.PhoneNumberFormat.E164);
      }
    }
    return phones.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  private static String pbkdf2(String password, byte[] salt) {
    try {
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1_000, 256))
              .getEncoded();
      Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
      return "$pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
