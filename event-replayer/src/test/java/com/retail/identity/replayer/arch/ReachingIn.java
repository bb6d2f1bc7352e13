package com.retail.identity.replayer.arch;

import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.ImportUsers;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.store.SearchProfiles;
import com.retail.identity.readmodel.core.Projector;

/**
 * Replayer classes that reach into the services, each in one way, and one that uses them as
 * libraries.
 */
public final class ReachingIn {
  private ReachingIn() {}

  /** Writes through user-command's store adapter. */
  public static final class UsesCommandStoreAdapter {
    CassandraEmailReservations reservations;
  }

  /** Reads user-command's configuration class. */
  public static final class ReadsCommandConfiguration {
    UserCommandConfiguration settings;
  }

  /** Reads user-query's configuration class. */
  public static final class ReadsQueryConfiguration {
    UserQueryConfiguration settings;
  }

  /** Reads through user-query's store adapter. */
  public static final class UsesQueryStoreAdapter {
    SearchProfiles index;
  }

  /** Runs user-command's use case and read-model's projector. */
  public static final class UsesLibraries {
    ImportUsers importUsers;
    Projector projector;
  }
}
