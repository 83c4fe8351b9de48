package org.meditwin.app.imaging.archive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.imaging.archive.ImportResult;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventType;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;

/**
 * One IMAGING timeline event per archived study (provenance {@code imaging/<archived study id>}),
 * added when a study first enters the patient's record; used by the pane and the CLI.
 */
public final class ImagingTimelineEvents {
  private ImagingTimelineEvents() {}

  /** Adds the events for the studies an import touched that have none yet; returns them. */
  public static List<ClinicalEvent> addFor(
      ImagingArchive archive,
      TimelineService timeline,
      String patientId,
      ImportResult result,
      LocalDate fallbackDate) {
    if (result.studyInstanceUids().isEmpty()) {
      return List.of();
    }
    Set<String> known = new HashSet<>();
    for (ClinicalEvent e :
        timeline.find(
            patientId,
            new EventFilter(
                Optional.empty(),
                Set.of(EventType.IMAGING),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()))) {
      if (Provenance.IMAGING.equals(e.provenance().sourceKind())) {
        known.add(e.provenance().sourceId());
      }
    }
    List<ClinicalEvent> events = new ArrayList<>();
    for (String uid : result.studyInstanceUids()) {
      Optional<ArchivedStudy> s = archive.study(uid);
      if (s.isPresent() && !known.contains(s.get().id())) {
        events.add(event(s.get(), fallbackDate));
      }
    }
    return timeline.addAll(events);
  }

  /** "CT imaging study: CHEST PA" dated by the study (else {@code fallback}). */
  public static ClinicalEvent event(ArchivedStudy s, LocalDate fallback) {
    String what = s.modality().isBlank() ? "Imaging" : s.modality();
    String title =
        what + " imaging study" + (s.description().isBlank() ? "" : ": " + s.description().strip());
    return ClinicalEvent.of(
        s.patientId(),
        EventType.IMAGING,
        title,
        s.date().orElse(fallback),
        Provenance.imaging(s.id()));
  }
}
