package com.retail.identity.command.core;

import at.favre.lib.crypto.bcrypt.BCrypt;
import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as self-describing PHC-style strings. New hashes are Argon2id through the native
 * reference implementation (the fastest correct one: hashing is the physical limit of login
 * throughput), at the cost the settings give at that moment. Imported legacy hashes verify as they
 * are (bcrypt, PBKDF2-SHA256 as {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} in unpadded
 * standard base64) and are replaced on the next successful login.
 */
public class PasswordHashes {
  private static final Pattern PBKDF2 =
      Pattern.compile("\\$pbkdf2-sha256\\$(\\d+)\\$([A-Za-z0-9+/.=]+)\\$([A-Za-z0-9+/.=]+)");
  private static final Pattern ARGON2_PARAMS =
      Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$.*");

  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final Supplier<PasswordHashSettings> cost;
  private volatile Dummy dummy;

  private record Dummy(PasswordHashSettings cost, String hash) {}

  /**
   * @param cost read for every new hash, so a changed cost applies from the next one
   */
  public PasswordHashes(Supplier<PasswordHashSettings> cost) {
    this.cost = cost;
  }

  public String hash(String password) {
    char[] chars = password.toCharArray();
    PasswordHashSettings current = cost.get();
    try {
      return argon2.hash(
          current.iterations(),
          current.memoryKib(),
          current.parallelism(),
          chars,
          StandardCharsets.UTF_8);
    } finally {
      argon2.wipeArray(chars);
    }
  }

  /**
   * A hash no password matches, at the current cost: verifying against it for an unknown account
   * costs what verifying a real password costs, also after the cost changed.
   */
  public String dummyHash() {
    PasswordHashSettings current = cost.get();
    Dummy known = dummy;
    if (known == null || !known.cost().equals(current)) {
      known = new Dummy(current, hash(java.util.UUID.randomUUID().toString()));
      dummy = known;
    }
    return known.hash();
  }

  public boolean verify(String hash, String password) {
    if (hash == null) {
      return false;
    }
    if (hash.startsWith("$argon2")) {
      char[] chars = password.toCharArray();
      try {
        return argon2.verify(hash, chars, StandardCharsets.UTF_8);
      } finally {
        argon2.wipeArray(chars);
      }
    }
    if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
      return BCrypt.verifyer()
          .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8))
          .verified;
    }
    Matcher pbkdf2 = PBKDF2.matcher(hash);
    if (pbkdf2.matches()) {
      return verifyPbkdf2(
          password,
          Integer.parseInt(pbkdf2.group(1)),
          decode(pbkdf2.group(2)),
          decode(pbkdf2.group(3)));
    }
    return false;
  }

  /** True when the hash is legacy, or Argon2id with other parameters than the current cost. */
  public boolean needsRehash(String hash) {
    Matcher argon = ARGON2_PARAMS.matcher(hash);
    PasswordHashSettings current = cost.get();
    return !argon.matches()
        || Integer.parseInt(argon.group(1)) != current.memoryKib()
        || Integer.parseInt(argon.group(2)) != current.iterations()
        || Integer.parseInt(argon.group(3)) != current.parallelism();
  }

  /** Whether an imported hash is one this class can verify. */
  public static boolean isSupported(String hash) {
    return hash != null
        && (hash.startsWith("$argon2id$")
            || hash.startsWith("$2a$")
            || hash.startsWith("$2b$")
            || hash.startsWith("$2y$")
            || PBKDF2.matcher(hash).matches());
  }

  private static boolean verifyPbkdf2(
      String password, int iterations, byte[] salt, byte[] expected) {
    if (iterations < 1 || iterations > 10_000_000 || expected.length == 0) {
      return false;
    }
    try {
      PBEKeySpec spec =
          new PBEKeySpec(password.toCharArray(), salt, iterations, expected.length * 8);
      byte[] actual =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      spec.clearPassword();
      return MessageDigest.isEqual(actual, expected);
    } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
      return false;
    }
  }

  private static byte[] decode(String base64) {
    // passlib writes "adapted" base64 ('.' for '+', no padding); accept both.
    return Base64.getDecoder().decode(base64.replace('.', '+').replace("=", ""));
  }
}
