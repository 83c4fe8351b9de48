package org.meditwin.search.patient;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.TextEmbedder;

/** Where the app keeps the patient-record index and how it opens it for a signed-in session. */
public final class PatientIndexes {
  /** HKDF purpose of the index key ({@code ClinicalStore.derivedKey}). */
  public static final String KEY_PURPOSE = "patient-index";

  private PatientIndexes() {}

  /** {@code dataDir/patient-index}. */
  public static Path directoryIn(Path dataDir) {
    return dataDir.resolve("patient-index");
  }

  /**
   * Opens the data directory's patient-record index with the session's derived key {@code
   * clinicalStore().derivedKey("patient-index")} (wiped after opening).
   */
  public static PatientRecordIndex open(
      UserSession session, Path dataDir, Optional<TextEmbedder> encoder) {
    Objects.requireNonNull(session, "session");
    byte[] key = session.clinicalStore().derivedKey(KEY_PURPOSE);
    try {
      return PatientRecordIndex.open(directoryIn(dataDir), key, encoder);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
