package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Application;
import org.meditwin.store.DataDirectoryRestore;
import org.meditwin.store.EmbeddedWorkstation;

/**
 * Starts the desktop application. The data directory comes from the system property {@code
 * meditwin.home} (which {@code Main} sets from {@code --home}, the environment or the default),
 * else {@code MEDITWIN_HOME}, else {@code ~/.local/share/meditwin}.
 */
public final class ShellLauncher {
  /** Idle auto-lock is checked every 5 seconds. */
  static final long IDLE_CHECK_MILLIS = 5_000;

  private ShellLauncher() {}

  public static void launch(String[] args) {
    Path dataDir =
        dataDirectory(System.getenv("MEDITWIN_HOME"), System.getProperty("meditwin.home"));
    MediTwinApp.configure(
        new ShellConfig(
            dataDir,
            StoreBinding.opener(),
            StoreBinding.restorer(),
            Clock.systemUTC(),
            ZoneId.systemDefault(),
            IDLE_CHECK_MILLIS));
    Application.launch(MediTwinApp.class, args);
  }

  /**
   * The system property first (Main resolves {@code --home} into it), then the environment, then
   * the XDG-style default.
   */
  static Path dataDirectory(String env, String property) {
    if (property != null && !property.isBlank()) {
      return Path.of(property.strip()).toAbsolutePath();
    }
    if (env != null && !env.isBlank()) {
      return Path.of(env.strip()).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "meditwin");
  }

  /** The embedded, encrypted store of {@code modules/store}. */
  static final class StoreBinding {
    private StoreBinding() {}

    static WorkstationOpener opener() {
      return dir -> EmbeddedWorkstation.open(dir, EmbeddedWorkstation.Options.defaults());
    }

    static Optional<DataRestorer> restorer() {
      return Optional.of(DataDirectoryRestore::restore);
    }
  }
}
