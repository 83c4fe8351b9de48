package org.meditwin.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import org.meditwin.security.DataKey;
import org.meditwin.security.KdfParams;
import org.meditwin.security.KeyRing;
import org.meditwin.security.LockoutPolicy;

/**
 * Opens a closed data directory's database directly with JDBC, as an attacker with the key could.
 */
final class RawDatabase {
  private RawDatabase() {}

  static Connection open(Path dataDir, String username, char[] password) throws SQLException {
    DataLayout layout = new DataLayout(dataDir);
    KeyRing ring =
        KeyRing.load(
            layout.keyring(),
            KdfParams.fastForTests(),
            Clock.systemUTC(),
            LockoutPolicy.standard());
    try (DataKey key = ring.unlock(username, password.clone())) {
      Properties p = new Properties();
      p.put("user", "MEDITWIN");
      p.put(
          "password",
          (new String(key.h2FilePassword()) + " " + new String(key.h2UserPassword()))
              .toCharArray());
      return new org.h2.Driver()
          .connect(
              "jdbc:h2:file:" + layout.dbBase() + ";CIPHER=AES;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0",
              p);
    }
  }
}
