package com.retail.identity.command.core.admission;

import com.retail.identity.common.crypto.Sha256;
import java.util.HexFormat;

/** A short digest, so device ids and account keys never reach Redis (or memory) as given. */
final class Pseudonym {
  private Pseudonym() {}

  static String of(String value) {
    return HexFormat.of().formatHex(Sha256.of(value), 0, 16);
  }
}
