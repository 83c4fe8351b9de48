package org.meditwin.search.cases;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.TextEmbedder;

/** Where the app keeps the similar-case index and how it opens it for a signed-in session. */
public final class CaseIndexes {
  /** HKDF purpose of the index key ({@code ClinicalStore.derivedKey}). */
  public static final String KEY_PURPOSE = "case-index";

  private CaseIndexes() {}

  /** {@code dataDir/case-index}. */
  public static Path directoryIn(Path dataDir) {
    return dataDir.resolve("case-index");
  }

  /**
   * Opens the data directory's case index with the session's derived key {@code
   * clinicalStore().derivedKey("case-index")} (wiped after opening).
   */
  public static CaseIndex open(UserSession session, Path dataDir, Optional<TextEmbedder> encoder) {
    Objects.requireNonNull(session, "session");
    byte[] key = session.clinicalStore().derivedKey(KEY_PURPOSE);
    try {
      return CaseIndex.open(directoryIn(dataDir), key, encoder);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
