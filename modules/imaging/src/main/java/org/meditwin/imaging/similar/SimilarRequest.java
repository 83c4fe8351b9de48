package org.meditwin.imaging.similar;

import java.util.Objects;
import java.util.Optional;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.search.cases.CaseIndex;

/**
 * A "find similar" query for one displayed frame.
 *
 * @param patientId the current patient: their own clinic studies are searched too (empty =
 *     reference library only; other patients' studies are never searched, ADR 0130)
 * @param studyUid the query's own study, excluded from the results
 * @param reportText report text to fuse with the image ranking (empty = image only)
 * @param k hits wanted (1..{@link CaseIndex#MAX_K})
 */
public record SimilarRequest(
    DicomInfo info,
    ImageDescription image,
    Frame frame,
    Optional<String> patientId,
    Optional<String> studyUid,
    Optional<String> reportText,
    int k) {
  public SimilarRequest {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(studyUid, "studyUid");
    Objects.requireNonNull(reportText, "reportText");
    if (k < 1 || k > CaseIndex.MAX_K) {
      throw new IllegalArgumentException("k must be in 1.." + CaseIndex.MAX_K);
    }
  }

  /** Image-only query against the reference library. */
  public static SimilarRequest of(DicomInfo info, ImageDescription image, Frame frame, int k) {
    return new SimilarRequest(
        info, image, frame, Optional.empty(), Optional.empty(), Optional.empty(), k);
  }

  public SimilarRequest forPatient(String id, Optional<String> ownStudyUid) {
    return new SimilarRequest(info, image, frame, Optional.of(id), ownStudyUid, reportText, k);
  }

  public SimilarRequest withReportText(String text) {
    return new SimilarRequest(
        info, image, frame, patientId, studyUid, Optional.ofNullable(text), k);
  }
}
