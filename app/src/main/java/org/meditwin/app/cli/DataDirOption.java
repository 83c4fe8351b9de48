package org.meditwin.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} option of every command that reads the training/evaluation data (use it as
 * a picocli {@code @Mixin}): the folder given, else {@code $MEDITWIN_DATA_DIR}, else {@code
 * ../shared/data}.
 */
public final class DataDirOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder (default: $MEDITWIN_DATA_DIR, else ../shared/data).")
  Path data;

  /** The data folder this command reads. */
  public Path dir() {
    return CliSupport.dataDir(data);
  }
}
