package org.meditwin.core.task;

/** Receives progress from long-running work. Implementations must be thread-safe. */
public interface ProgressListener {
  ProgressListener NONE = (done, total, message) -> {};

  /**
   * @param done work units completed
   * @param total total units, or -1 when unknown (indeterminate)
   * @param message short PHI-free status text
   */
  void progress(long done, long total, String message);
}
