package org.meditwin.record;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Summary of one patient's timeline.
 *
 * @param total number of events (entered-in-error ones included)
 * @param byType count per type (every type present, zero when absent)
 * @param byYear count per calendar year of the clinical date, ascending
 * @param byYearAndType count per year and type, ascending years
 * @param activeProblems active diagnoses and symptoms (no end date or ending in the future), newest
 *     first
 * @param currentMedications active medications (no end date or ending in the future), newest first
 * @param first earliest clinical date
 * @param last latest clinical date
 */
public record TimelineStats(
    int total,
    Map<EventType, Integer> byType,
    SortedMap<Integer, Integer> byYear,
    SortedMap<Integer, Map<EventType, Integer>> byYearAndType,
    List<ClinicalEvent> activeProblems,
    List<ClinicalEvent> currentMedications,
    Optional<LocalDate> first,
    Optional<LocalDate> last) {

  public TimelineStats {
    byType = Map.copyOf(byType);
    byYear = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byYear));
    byYearAndType =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byYearAndType));
    activeProblems = List.copyOf(activeProblems);
    currentMedications = List.copyOf(currentMedications);
  }
}
