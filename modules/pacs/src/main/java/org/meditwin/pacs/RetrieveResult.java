package org.meditwin.pacs;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of a C-GET, C-MOVE or WADO-RS retrieve.
 *
 * @param received instances handed to the sink
 * @param failed sub-operations the PACS reported as failed, plus instances our sink refused
 * @param warnings sub-operations completed with a warning
 * @param sopInstanceUids UIDs of the received instances, in arrival order
 * @param bytes total size of the received instances
 * @param cancelled true when the user cancelled before the PACS finished
 */
public record RetrieveResult(
    int received,
    int failed,
    int warnings,
    List<String> sopInstanceUids,
    long bytes,
    Duration elapsed,
    boolean cancelled) {
  public RetrieveResult {
    sopInstanceUids = List.copyOf(sopInstanceUids);
  }
}
