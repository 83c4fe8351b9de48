package org.meditwin.search;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Metadata filter applied inside both the BM25 query and the kNN graph search (never after it).
 * Empty sets and empty optionals mean "no restriction". The date range is inclusive.
 */
public record SearchFilter(
    Optional<String> patientId,
    Set<String> sourceTypes,
    Set<String> specialties,
    Optional<LocalDate> from,
    Optional<LocalDate> to) {

  public SearchFilter {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    sourceTypes = Set.copyOf(sourceTypes);
    specialties =
        specialties.stream()
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  public static SearchFilter none() {
    return new SearchFilter(
        Optional.empty(), Set.of(), Set.of(), Optional.empty(), Optional.empty());
  }

  public static SearchFilter forPatient(String patientId) {
    return none().withPatient(patientId);
  }

  public SearchFilter withPatient(String id) {
    return new SearchFilter(Optional.of(id), sourceTypes, specialties, from, to);
  }

  public SearchFilter withSourceTypes(Set<String> types) {
    return new SearchFilter(patientId, types, specialties, from, to);
  }

  public SearchFilter withSpecialties(Set<String> values) {
    return new SearchFilter(patientId, sourceTypes, values, from, to);
  }

  public SearchFilter withDateRange(
      Optional<LocalDate> fromInclusive, Optional<LocalDate> toInclusive) {
    return new SearchFilter(patientId, sourceTypes, specialties, fromInclusive, toInclusive);
  }

  public boolean isEmpty() {
    return patientId.isEmpty()
        && sourceTypes.isEmpty()
        && specialties.isEmpty()
        && from.isEmpty()
        && to.isEmpty();
  }
}
