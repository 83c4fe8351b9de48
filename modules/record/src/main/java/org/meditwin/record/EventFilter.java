package org.meditwin.record;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which events {@link TimelineService#find} returns. All criteria are combined with AND.
 *
 * @param text case-insensitive substring of title, code or body part
 * @param types empty = every type
 * @param bodyPart an anatomy term: matches events on that part or any part inside it (the ear
 *     matches the cochlea); unknown terms match body-part text containing them
 * @param from inclusive
 * @param to inclusive
 */
public record EventFilter(
    Optional<String> text,
    Set<EventType> types,
    Optional<String> bodyPart,
    Optional<LocalDate> from,
    Optional<LocalDate> to) {

  public EventFilter {
    text = text == null ? Optional.empty() : text.map(String::strip).filter(s -> !s.isEmpty());
    types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
    bodyPart =
        bodyPart == null ? Optional.empty() : bodyPart.map(String::strip).filter(s -> !s.isEmpty());
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
  }

  /**
   * The same test {@link TimelineService#find} applies in SQL, for filtering events already in
   * memory (the timeline pane filters its loaded events without another query).
   */
  public java.util.function.Predicate<ClinicalEvent> predicate() {
    Optional<String> needle = text.map(t -> t.toLowerCase(java.util.Locale.ROOT));
    Optional<java.util.function.Predicate<String>> part =
        bodyPart.map(
            b -> {
              Optional<Anatomy.BodyPart> known = Anatomy.standard().resolve(b);
              if (known.isPresent()) {
                Set<String> terms = Anatomy.standard().termsWithin(known.get());
                return s -> terms.contains(s.toLowerCase(java.util.Locale.ROOT));
              }
              String n = Anatomy.norm(b);
              return s -> s.toLowerCase(java.util.Locale.ROOT).contains(n);
            });
    return e -> {
      if (!types.isEmpty() && !types.contains(e.type())) {
        return false;
      }
      if (from.isPresent() && e.date().isBefore(from.get())) {
        return false;
      }
      if (to.isPresent() && e.date().isAfter(to.get())) {
        return false;
      }
      if (needle.isPresent()) {
        String n = needle.get();
        boolean hit =
            e.title().toLowerCase(java.util.Locale.ROOT).contains(n)
                || e.code().map(c -> c.toLowerCase(java.util.Locale.ROOT).contains(n)).orElse(false)
                || e.bodyPart()
                    .map(c -> c.toLowerCase(java.util.Locale.ROOT).contains(n))
                    .orElse(false);
        if (!hit) {
          return false;
        }
      }
      return part.isEmpty() || e.bodyPart().map(part.get()::test).orElse(false);
    };
  }

  public static EventFilter all() {
    return new EventFilter(
        Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public EventFilter withText(String t) {
    return new EventFilter(Optional.ofNullable(t), types, bodyPart, from, to);
  }

  public EventFilter withTypes(Set<EventType> ts) {
    return new EventFilter(text, ts, bodyPart, from, to);
  }

  public EventFilter withBodyPart(String part) {
    return new EventFilter(text, types, Optional.ofNullable(part), from, to);
  }

  public EventFilter between(LocalDate fromInclusive, LocalDate toInclusive) {
    return new EventFilter(
        text,
        types,
        bodyPart,
        Optional.ofNullable(fromInclusive),
        Optional.ofNullable(toInclusive));
  }
}
