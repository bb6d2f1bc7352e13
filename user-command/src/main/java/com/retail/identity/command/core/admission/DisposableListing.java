package com.retail.identity.command.core.admission;

/** What the reference list of disposable email domains says about a registration's domain. */
public enum DisposableListing {
  /** The domain or a parent of it is on the list. */
  LISTED,
  /** Neither is (or the request has no domain to check). */
  NOT_LISTED,
  /** The list is empty or could not be read: the built-in list decides. */
  NO_LIST
}
