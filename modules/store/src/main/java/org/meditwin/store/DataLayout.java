package org.meditwin.store;

import java.nio.file.Path;

/** Where everything lives inside one data directory. */
record DataLayout(Path root) {

  static final String DB_NAME = "meditwin";

  DataLayout {
    root = root.toAbsolutePath().normalize();
  }

  Path keyring() {
    return root.resolve("keyring.json");
  }

  Path dbDir() {
    return root.resolve("db");
  }

  /** H2 database name without the {@code .mv.db} suffix (as used in the JDBC URL). */
  Path dbBase() {
    return dbDir().resolve(DB_NAME);
  }

  Path dbFile() {
    return dbDir().resolve(DB_NAME + ".mv.db");
  }

  Path commitMarker() {
    return dbDir().resolve("commit.marker");
  }

  Path preAuthJournal() {
    return root.resolve("audit-preauth.journal");
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path tmp() {
    return root.resolve("tmp");
  }
}
