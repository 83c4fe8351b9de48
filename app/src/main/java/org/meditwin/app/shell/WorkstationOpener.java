package org.meditwin.app.shell;

import java.nio.file.Path;
import org.meditwin.core.service.Workstation;

/** Opens the workstation of a data directory (the embedded store in production). */
@FunctionalInterface
public interface WorkstationOpener {
  /**
   * @throws org.meditwin.core.service.StoreUnavailableException when the directory cannot be used
   */
  Workstation open(Path dataDirectory);
}
