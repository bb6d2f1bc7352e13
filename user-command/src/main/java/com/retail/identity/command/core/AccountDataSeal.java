package com.retail.identity.command.core;

import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.PersonalData;
import java.util.UUID;

/**
 * Seals a change of an existing account's personal data with the key the account has. An erasure
 * that destroyed the key meanwhile must not get a new one: the change is refused as not found (and
 * its append would find the account erased anyway).
 */
public final class AccountDataSeal {
  private final PersonalDataCipher cipher;
  private final DataKeys dataKeys;

  public AccountDataSeal(PersonalDataCipher cipher, DataKeys dataKeys) {
    this.cipher = cipher;
    this.dataKeys = dataKeys;
  }

  public String seal(UUID userId, PersonalData data) {
    return cipher.seal(userId, dataKeys.find(userId).orElseThrow(AccountWrites::noSuchUser), data);
  }
}
