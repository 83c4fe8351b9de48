package org.meditwin.pacs.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.meditwin.pacs.PacsQuery;

/** QIDO-RS query parameters (PS3.18 §8.3.4) for a {@link PacsQuery}. */
final class QidoParameters {
  private QidoParameters() {}

  static Map<String, String> of(PacsQuery q, int limit) {
    Map<String, String> p = new LinkedHashMap<>();
    switch (q.level()) {
      case PATIENT, STUDY -> {
        q.patientId().ifPresent(v -> p.put("PatientID", v));
        q.patientName().ifPresent(v -> p.put("PatientName", v));
        q.studyDateRange().ifPresent(v -> p.put("StudyDate", v));
        q.modality().ifPresent(v -> p.put("ModalitiesInStudy", v));
        q.accessionNumber().ifPresent(v -> p.put("AccessionNumber", v));
        q.studyInstanceUid().ifPresent(v -> p.put("StudyInstanceUID", v));
        // StudyDescription, NumberOfStudyRelatedInstances, PatientBirthDate
        p.put("includefield", "00081030,00201208,00100030,00080061");
      }
      case SERIES -> {
        q.modality().ifPresent(v -> p.put("Modality", v));
        q.seriesInstanceUid().ifPresent(v -> p.put("SeriesInstanceUID", v));
        // SeriesDescription, NumberOfSeriesRelatedInstances
        p.put("includefield", "0008103E,00201209");
      }
      case IMAGE -> p.put("includefield", "00200013");
    }
    if (q.level() != org.meditwin.pacs.QueryLevel.PATIENT) {
      p.put("limit", Integer.toString(Math.max(1, limit)));
    }
    return p;
  }
}
