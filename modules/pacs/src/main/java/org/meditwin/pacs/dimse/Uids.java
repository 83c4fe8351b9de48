package org.meditwin.pacs.dimse;

import java.util.List;

/** UIDs the DIMSE code needs. */
final class Uids {
  private Uids() {}

  static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
  static final String IMPLEMENTATION_CLASS = "1.2.826.0.1.3680043.10.1337.1";
  static final String IMPLEMENTATION_VERSION = "MEDITWIN_PACS_1";

  static final String VERIFICATION = "1.2.840.10008.1.1";
  static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
  static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
  static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
  static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
  static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
  static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
  static final String STORAGE_PREFIX = "1.2.840.10008.5.1.4.1.1.";

  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
  static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

  /** Uncompressed syntaxes first (what we prefer as acceptor), then the common compressed ones. */
  static final List<String> KNOWN_TRANSFER_SYNTAXES =
      List.of(
          EXPLICIT_LE,
          IMPLICIT_LE,
          EXPLICIT_BE,
          DEFLATED_LE,
          "1.2.840.10008.1.2.4.50",
          "1.2.840.10008.1.2.4.51",
          "1.2.840.10008.1.2.4.57",
          "1.2.840.10008.1.2.4.70",
          "1.2.840.10008.1.2.4.80",
          "1.2.840.10008.1.2.4.81",
          "1.2.840.10008.1.2.4.90",
          "1.2.840.10008.1.2.4.91",
          "1.2.840.10008.1.2.5",
          "1.2.840.10008.1.2.4.100",
          "1.2.840.10008.1.2.4.101",
          "1.2.840.10008.1.2.4.102",
          "1.2.840.10008.1.2.4.103");

  static boolean isUncompressed(String ts) {
    return ts.equals(IMPLICIT_LE) || ts.equals(EXPLICIT_LE) || ts.equals(EXPLICIT_BE);
  }

  static boolean isStorage(String sopClass) {
    return sopClass.startsWith(STORAGE_PREFIX);
  }
}
