package org.meditwin.app.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.meditwin.chat.ChatEngine;
import org.meditwin.chat.PatientRecords;
import org.meditwin.chat.tools.MedicationLookup;
import org.meditwin.chat.tools.TimelineLookup;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.TimelineService;
import org.meditwin.search.patient.PatientRecordIndex;

/**
 * The selected patient's data as the assistant's specialists and tools see it: the encrypted
 * patient-record index (once it has opened) and the timeline (events and medications).
 */
public final class ChatSources {
  private ChatSources() {}

  /** Adds the patient sources of {@code session} to an engine builder. */
  public static UnaryOperator<ChatEngine.Builder> of(
      UserSession session, Supplier<Optional<PatientRecordIndex>> records) {
    return b ->
        b.patientRecords(records(records))
            .timeline(timeline(session))
            .medications(medications(session));
  }

  /** The record index while it is open; no hits before it has opened. */
  static PatientRecords records(Supplier<Optional<PatientRecordIndex>> index) {
    return (query, patientId, k) ->
        index.get().map(i -> PatientRecords.of(i).search(query, patientId, k)).orElse(List.of());
  }

  /** The timeline service's events of the patient. */
  static TimelineLookup timeline(UserSession session) {
    return patientId ->
        TimelineService.of(session).find(patientId, EventFilter.all()).stream()
            .map(
                e ->
                    new TimelineLookup.Event(
                        e.id(), e.type().name(), e.title(), e.date(), detail(e)))
            .toList();
  }

  /** Medications = the timeline's MEDICATION events (active unless ended, resolved or in error). */
  static MedicationLookup medications(UserSession session) {
    return patientId ->
        TimelineService.of(session).find(patientId, EventFilter.all()).stream()
            .filter(e -> e.type() == EventType.MEDICATION)
            .map(
                e ->
                    new MedicationLookup.Medication(
                        e.title(),
                        e.value().isPresent()
                            ? Optional.of(
                                format(e.value().getAsDouble())
                                    + e.unit().map(u -> " " + u).orElse(""))
                            : Optional.empty(),
                        Optional.empty(),
                        Optional.of(e.date()),
                        e.status() == EventStatus.ACTIVE && e.endDate().isEmpty()))
            .toList();
  }

  private static Optional<String> detail(ClinicalEvent e) {
    List<String> parts = new ArrayList<>();
    if (e.value().isPresent()) {
      parts.add(format(e.value().getAsDouble()) + e.unit().map(u -> " " + u).orElse(""));
    }
    e.severity().ifPresent(parts::add);
    e.bodyPart().ifPresent(parts::add);
    if (e.laterality() != org.meditwin.record.Laterality.NONE) {
      parts.add(e.laterality().name().toLowerCase(Locale.ROOT));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  private static String format(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
