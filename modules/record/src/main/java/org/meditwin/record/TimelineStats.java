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

  /**
   * Statistics of events already in memory (same rules as {@link TimelineService#stats}): active
   * problems and current medications are ACTIVE with no end date or one not before {@code today},
   * newest first, one per title.
   */
  public static TimelineStats of(List<ClinicalEvent> events, LocalDate today) {
    Map<EventType, Integer> byType = new java.util.EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      byType.put(t, 0);
    }
    SortedMap<Integer, Integer> byYear = new java.util.TreeMap<>();
    SortedMap<Integer, Map<EventType, Integer>> byYearType = new java.util.TreeMap<>();
    LocalDate first = null;
    LocalDate last = null;
    java.util.List<ClinicalEvent> problems = new java.util.ArrayList<>();
    java.util.List<ClinicalEvent> meds = new java.util.ArrayList<>();
    for (ClinicalEvent e : events) {
      byType.merge(e.type(), 1, Integer::sum);
      int y = e.date().getYear();
      byYear.merge(y, 1, Integer::sum);
      byYearType
          .computeIfAbsent(y, k -> new java.util.EnumMap<>(EventType.class))
          .merge(e.type(), 1, Integer::sum);
      first = first == null || e.date().isBefore(first) ? e.date() : first;
      last = last == null || e.date().isAfter(last) ? e.date() : last;
      boolean current =
          e.status() == EventStatus.ACTIVE && e.endDate().map(d -> !d.isBefore(today)).orElse(true);
      if (current && (e.type() == EventType.DIAGNOSIS || e.type() == EventType.SYMPTOM)) {
        problems.add(e);
      } else if (current && e.type() == EventType.MEDICATION) {
        meds.add(e);
      }
    }
    java.util.Comparator<ClinicalEvent> newest =
        java.util.Comparator.comparing(ClinicalEvent::date)
            .reversed()
            .thenComparing(ClinicalEvent::id);
    problems.sort(newest);
    meds.sort(newest);
    return new TimelineStats(
        events.size(),
        byType,
        byYear,
        byYearType,
        newestPerTitle(problems),
        newestPerTitle(meds),
        Optional.ofNullable(first),
        Optional.ofNullable(last));
  }

  static List<ClinicalEvent> newestPerTitle(List<ClinicalEvent> newestFirst) {
    Map<String, ClinicalEvent> seen = new java.util.LinkedHashMap<>();
    for (ClinicalEvent e : newestFirst) {
      seen.putIfAbsent(Anatomy.norm(e.title()), e);
    }
    return List.copyOf(seen.values());
  }

  public TimelineStats {
    byType = Map.copyOf(byType);
    byYear = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byYear));
    byYearAndType =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byYearAndType));
    activeProblems = List.copyOf(activeProblems);
    currentMedications = List.copyOf(currentMedications);
  }
}
