package org.meditwin.pacs;

import java.util.Objects;

/**
 * One instance received by C-STORE (from C-GET or C-MOVE) or WADO-RS, as a complete DICOM Part 10
 * object in memory (file meta information + the data set exactly as the PACS sent it). PHI: never
 * write it to disk in plaintext. The array is not copied.
 */
public record ReceivedInstance(
    String sopClassUid, String sopInstanceUid, String transferSyntaxUid, byte[] part10) {
  public ReceivedInstance {
    Objects.requireNonNull(sopClassUid, "sopClassUid");
    Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
    Objects.requireNonNull(part10, "part10");
  }
}
