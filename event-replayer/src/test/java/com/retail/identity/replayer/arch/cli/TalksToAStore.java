package com.retail.identity.replayer.arch.cli;

import io.searchbox.client.JestClient;

/** A command that calls the search store itself instead of a use case. */
public final class TalksToAStore {
  JestClient client;
}
