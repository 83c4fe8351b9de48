package org.meditwin.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shell needs from its launcher.
 *
 * @param idleCheckMillis how often the idle auto-lock is checked
 */
public record ShellConfig(
    Path dataDirectory,
    WorkstationOpener opener,
    Optional<DataRestorer> restorer,
    Clock clock,
    ZoneId zone,
    long idleCheckMillis) {
  public ShellConfig {
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
