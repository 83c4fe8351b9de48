package org.meditwin.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.meditwin.nlp.ner.Assertion;
import org.meditwin.nlp.ner.ClinicalEntity;
import org.meditwin.nlp.ner.ClinicalEntityType;

/**
 * Turns a document's clinical entities into proposed timeline events: negated mentions ("denies ear
 * pain") and other people's conditions ("family history of ...") propose nothing; uncertain and
 * historical ones are proposed and flagged. Each event gets its clinical date (same sentence, else
 * the page's labelled date, else the document's date, else the import date — said so in {@link
 * DateSource}), body part and side from the sentence, severity from the words before it, and
 * provenance (page and offsets). The first mention of the same event in a document wins.
 */
final class EventProposer {
  private static final Pattern SEVERITY =
      Pattern.compile("(?i)\\b(mild|moderately severe|moderate|severe|profound|slight)\\b");
  private static final Pattern SIDE =
      Pattern.compile("(?i)\\b(left|right|bilateral(?:ly)?|both (?:ears|sides|eyes))\\b");

  private EventProposer() {}

  /** Page entities as stored for highlighting (every entity, negated ones too). */
  static List<DocumentEntity> entities(int page, List<ClinicalEntity> found) {
    return found.stream()
        .map(
            e ->
                new DocumentEntity(
                    page,
                    e.start(),
                    e.end(),
                    e.type().name(),
                    e.negated(),
                    e.uncertain(),
                    e.assertion().historical(),
                    e.assertion().experiencer().name()))
        .toList();
  }

  static List<ProposedEvent> propose(
      String documentId,
      String patientId,
      List<DocumentPage> pages,
      List<List<ClinicalEntity>> entitiesPerPage,
      LocalDate importDate) {
    Optional<LocalDate> docDate =
        ClinicalDates.documentDate(pages.stream().map(DocumentPage::text).toList());
    List<ProposedEvent> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int p = 0; p < pages.size(); p++) {
      String text = pages.get(p).text();
      List<ClinicalEntity> found = entitiesPerPage.get(p);
      List<ClinicalDates.Mention> dates = ClinicalDates.find(text);
      // a labelled date on the page (a scanned bundle often holds several letters, one per page)
      Optional<LocalDate> pageDate =
          dates.stream()
              .filter(d -> d.documentLabel() && !d.birth())
              .map(ClinicalDates.Mention::date)
              .findFirst()
              .or(() -> docDate);
      for (ClinicalEntity e : found) {
        Optional<ProposedEventType> type = type(e.type());
        if (type.isEmpty()
            || e.negated()
            || e.assertion().experiencer() != Assertion.Experiencer.PATIENT) {
          continue;
        }
        int[] sentence = sentence(text, e.start(), e.end());
        String title = title(e);
        Side side = side(e, found, text, sentence);
        String key = type.get() + "|" + title.toLowerCase(Locale.ROOT) + "|" + side;
        if (title.isEmpty() || !seen.add(key)) {
          continue;
        }
        LocalDate date;
        DateSource source;
        Optional<ClinicalDates.Mention> inSentence =
            dates.stream()
                .filter(d -> !d.birth() && d.start() >= sentence[0] && d.end() <= sentence[1])
                .findFirst();
        if (inSentence.isPresent()) {
          date = inSentence.get().date();
          source = DateSource.SENTENCE;
        } else if (pageDate.isPresent()) {
          date = pageDate.get();
          source = DateSource.DOCUMENT;
        } else {
          date = importDate;
          source = DateSource.IMPORTED;
        }
        out.add(
            new ProposedEvent(
                UUID.randomUUID().toString(),
                documentId,
                patientId,
                type.get(),
                title,
                date,
                source,
                bodyPart(e, found, sentence),
                side,
                severity(text, e, sentence),
                value(e.attributes()),
                Optional.ofNullable(e.attributes().get("unit")),
                e.uncertain(),
                e.assertion().historical(),
                p + 1,
                e.start(),
                e.end(),
                ProposalStatus.PROPOSED,
                Optional.empty()));
      }
    }
    return out;
  }

  static Optional<ProposedEventType> type(ClinicalEntityType t) {
    return switch (t) {
      case DISEASE -> Optional.of(ProposedEventType.DIAGNOSIS);
      case SYMPTOM -> Optional.of(ProposedEventType.SYMPTOM);
      case MEDICATION -> Optional.of(ProposedEventType.MEDICATION);
      case PROCEDURE -> Optional.of(ProposedEventType.PROCEDURE);
      case LAB_TEST -> Optional.of(ProposedEventType.OBSERVATION);
      case ANATOMY -> Optional.empty();
    };
  }

  private static String title(ClinicalEntity e) {
    StringBuilder t = new StringBuilder(e.text().replaceAll("\\s+", " ").strip());
    if (e.type() == ClinicalEntityType.MEDICATION) {
      for (String k : List.of("dose", "route", "frequency")) {
        String v = e.attributes().get(k);
        if (v != null && !v.isBlank()) {
          t.append(' ').append(v.replaceAll("\\s+", " ").strip());
        }
      }
    }
    return t.length() > 400 ? t.substring(0, 400) : t.toString();
  }

  /** [start, end) of the sentence around an entity: up to '.', '!', '?', ';' or a line break. */
  static int[] sentence(String text, int start, int end) {
    int s = start;
    while (s > 0 && !boundary(text, s - 1)) {
      s--;
    }
    int e = end;
    while (e < text.length() && !boundary(text, e)) {
      e++;
    }
    return new int[] {s, e};
  }

  private static boolean boundary(String text, int i) {
    char c = text.charAt(i);
    if (c == '\n' || c == '!' || c == '?' || c == ';') {
      return true;
    }
    // a '.' ends a sentence unless it sits inside a number or an abbreviation like "b.i.d"
    return c == '.' && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)));
  }

  private static Side side(
      ClinicalEntity e, List<ClinicalEntity> all, String text, int[] sentence) {
    String attr = e.attributes().get("laterality");
    if (attr == null) {
      attr =
          nearestAnatomy(e, all, sentence).map(a -> a.attributes().get("laterality")).orElse(null);
    }
    if (attr == null && e.type() != ClinicalEntityType.MEDICATION) {
      Matcher m = SIDE.matcher(text.substring(sentence[0], sentence[1]));
      int best = Integer.MAX_VALUE;
      while (m.find()) {
        int pos = sentence[0] + m.start();
        int d = Math.min(Math.abs(pos - e.start()), Math.abs(pos - e.end()));
        if (d < best) {
          best = d;
          attr = m.group(1);
        }
      }
    }
    if (attr == null) {
      return Side.NONE;
    }
    String a = attr.toLowerCase(Locale.ROOT);
    if (a.startsWith("left")) {
      return Side.LEFT;
    }
    if (a.startsWith("right")) {
      return Side.RIGHT;
    }
    return a.startsWith("bilateral") || a.startsWith("both") ? Side.BILATERAL : Side.NONE;
  }

  private static Optional<ClinicalEntity> nearestAnatomy(
      ClinicalEntity e, List<ClinicalEntity> all, int[] sentence) {
    ClinicalEntity best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ClinicalEntity a : all) {
      if (a.type() != ClinicalEntityType.ANATOMY
          || a.start() < sentence[0]
          || a.end() > sentence[1]) {
        continue;
      }
      int d = a.start() >= e.end() ? a.start() - e.end() : Math.max(0, e.start() - a.end());
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<String> bodyPart(
      ClinicalEntity e, List<ClinicalEntity> all, int[] sentence) {
    if (e.type() == ClinicalEntityType.MEDICATION) {
      return Optional.empty();
    }
    return nearestAnatomy(e, all, sentence)
        .map(a -> a.text().replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT));
  }

  private static Optional<String> severity(String text, ClinicalEntity e, int[] sentence) {
    int from = Math.max(sentence[0], e.start() - 30);
    Matcher m = SEVERITY.matcher(text.substring(from, e.end()));
    String found = null;
    while (m.find()) {
      found = m.group(1).toLowerCase(Locale.ROOT);
    }
    return Optional.ofNullable(found);
  }

  private static OptionalDouble value(Map<String, String> attributes) {
    String v = attributes.get("value");
    if (v == null) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(v.replace(',', '.')));
    } catch (NumberFormatException ex) {
      return OptionalDouble.empty();
    }
  }
}
