package org.meditwin.app.shell;

import java.nio.file.Path;

/** Restores a backup archive into the data directory; returns where the old directory was moved. */
@FunctionalInterface
public interface DataRestorer {
  Path restore(Path archive, char[] archivePassword, Path dataDirectory);
}
