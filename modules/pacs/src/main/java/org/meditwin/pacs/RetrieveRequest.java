package org.meditwin.pacs;

import java.util.Objects;
import java.util.Optional;

/** What to retrieve: a whole study, or one series of it. */
public record RetrieveRequest(String studyInstanceUid, Optional<String> seriesInstanceUid) {
  public RetrieveRequest {
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    studyInstanceUid = studyInstanceUid.strip();
    if (studyInstanceUid.isEmpty()) {
      throw new IllegalArgumentException("A retrieve needs the study instance UID.");
    }
    seriesInstanceUid =
        seriesInstanceUid == null
            ? Optional.empty()
            : seriesInstanceUid.map(String::strip).filter(s -> !s.isEmpty());
  }

  public static RetrieveRequest study(String studyInstanceUid) {
    return new RetrieveRequest(studyInstanceUid, Optional.empty());
  }

  public static RetrieveRequest series(String studyInstanceUid, String seriesInstanceUid) {
    return new RetrieveRequest(studyInstanceUid, Optional.of(seriesInstanceUid));
  }
}
