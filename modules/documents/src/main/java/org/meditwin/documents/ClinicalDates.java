package org.meditwin.documents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates written in clinical documents (ISO {@code 2024-03-14}, {@code 03/14/2024} — day first when
 * the first number exceeds 12 — and {@code March 14, 2024} / {@code 14 March 2024}), with whether a
 * label marks them as the document's date or as a birth date (never an event date).
 */
final class ClinicalDates {
  record Mention(int start, int end, LocalDate date, boolean documentLabel, boolean birth) {}

  private static final String MONTHS =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
  private static final Pattern SLASH =
      Pattern.compile("\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b");
  private static final Pattern MONTH_FIRST =
      Pattern.compile("(?i)\\b" + MONTHS + "\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");
  private static final Pattern DAY_FIRST =
      Pattern.compile("(?i)\\b(\\d{1,2})(?:st|nd|rd|th)? " + MONTHS + "\\.?,? (\\d{4})\\b");
  private static final Pattern DOC_LABEL =
      Pattern.compile(
          "(?i)(date of (?:visit|service|exam(?:ination)?|report|admission|discharge|encounter)"
              + "|(?:visit|service|exam|report|admission|discharge|encounter|letter) date|\\bdated?)"
              + "\\W{0,4}$");
  private static final Pattern BIRTH_LABEL =
      Pattern.compile("(?i)(\\bdob\\b|d\\.o\\.b\\.?|birth|\\bborn\\b)[^\\n]{0,12}$");

  private ClinicalDates() {}

  static List<Mention> find(String text) {
    List<Mention> out = new ArrayList<>();
    Matcher m = ISO.matcher(text);
    while (m.find()) {
      add(out, text, m, ymd(m.group(1), m.group(2), m.group(3)));
    }
    m = SLASH.matcher(text);
    while (m.find()) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      int y = Integer.parseInt(m.group(3));
      add(out, text, m, a > 12 ? date(y, b, a) : date(y, a, b));
    }
    m = MONTH_FIRST.matcher(text);
    while (m.find()) {
      add(out, text, m, date(year(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2))));
    }
    m = DAY_FIRST.matcher(text);
    while (m.find()) {
      add(out, text, m, date(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1))));
    }
    out.sort((x, y) -> Integer.compare(x.start(), y.start()));
    return out;
  }

  private static void add(List<Mention> out, String text, Matcher m, Optional<LocalDate> d) {
    if (d.isEmpty() || d.get().getYear() < 1900 || d.get().getYear() > 2100) {
      return;
    }
    String before = text.substring(Math.max(0, m.start() - 40), m.start());
    out.add(
        new Mention(
            m.start(),
            m.end(),
            d.get(),
            DOC_LABEL.matcher(before).find(),
            BIRTH_LABEL.matcher(before).find()));
  }

  /** The document's own date: the first labelled one, else the first non-birth date. */
  static Optional<LocalDate> documentDate(List<String> pageTexts) {
    Optional<LocalDate> first = Optional.empty();
    for (String t : pageTexts) {
      for (Mention d : find(t)) {
        if (d.birth()) {
          continue;
        }
        if (d.documentLabel()) {
          return Optional.of(d.date());
        }
        if (first.isEmpty()) {
          first = Optional.of(d.date());
        }
      }
    }
    return first;
  }

  private static Optional<LocalDate> ymd(String y, String m, String d) {
    return date(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
  }

  private static int year(String y) {
    return Integer.parseInt(y);
  }

  private static int month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String[] prefixes = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    for (int i = 0; i < prefixes.length; i++) {
      if (n.startsWith(prefixes[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  private static Optional<LocalDate> date(int y, int m, int d) {
    try {
      return Optional.of(LocalDate.of(y, m, d));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
