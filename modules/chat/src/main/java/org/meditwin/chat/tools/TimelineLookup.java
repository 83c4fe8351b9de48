package org.meditwin.chat.tools;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The patient's clinical timeline for the timeline tool ("when was the last audiogram?"). The app
 * adapts {@code org.meditwin.record.TimelineService}.
 */
@FunctionalInterface
public interface TimelineLookup {
  /** Every event of the patient, any order. */
  List<Event> events(String patientId);

  /**
   * One timeline event.
   *
   * @param type DIAGNOSIS, SYMPTOM, MEDICATION, PROCEDURE, OBSERVATION, IMAGING, VISIT, NOTE…
   * @param detail value, unit, laterality or severity when known
   */
  record Event(String id, String type, String title, LocalDate date, Optional<String> detail) {
    public Event {
      detail = detail == null ? Optional.empty() : detail;
    }
  }
}
