package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.meditwin.app.admin.ModelsViewModel;
import org.meditwin.app.search.KnowledgeBaseSettings;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.engine.DjlEnvironment;
import org.meditwin.inference.engine.Engines;

/**
 * What the shell needs from its launcher.
 *
 * @param idleCheckMillis how often the idle auto-lock is checked
 * @param modelsDir the installed models folder (Admin → Models)
 * @param device detects the inference device (loads the engine natives; runs in the background)
 * @param knowledge the knowledge base data and query encoder of the global search
 */
public record ShellConfig(
    Path dataDirectory,
    WorkstationOpener opener,
    Optional<DataRestorer> restorer,
    Clock clock,
    ZoneId zone,
    long idleCheckMillis,
    Path modelsDir,
    Supplier<DeviceInfo> device,
    KnowledgeBaseSettings knowledge) {

  /** The shipped models folder, device detection and knowledge base. */
  public ShellConfig(
      Path dataDirectory,
      WorkstationOpener opener,
      Optional<DataRestorer> restorer,
      Clock clock,
      ZoneId zone,
      long idleCheckMillis) {
    this(
        dataDirectory,
        opener,
        restorer,
        clock,
        zone,
        idleCheckMillis,
        ModelsViewModel.defaultModelsDir(),
        ShellConfig::detectDevice,
        KnowledgeBaseSettings.shipped());
  }

  private static DeviceInfo detectDevice() {
    DjlEnvironment.configureOffline(DjlEnvironment.defaultCacheDir());
    return Engines.device();
  }

  public ShellConfig {
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(knowledge, "knowledge");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(restorer, "restorer");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(zone, "zone");
    if (idleCheckMillis <= 0) {
      throw new IllegalArgumentException("idleCheckMillis must be positive");
    }
  }
}
