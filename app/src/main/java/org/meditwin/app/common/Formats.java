package org.meditwin.app.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Date and time as shown in the UI: the current language's medium style in local time. */
public final class Formats {
  private Formats() {}

  public static String date(LocalDate date, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
  }

  public static String dateTime(Instant instant, Locale locale, ZoneId zone) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale)
        .withZone(zone)
        .format(instant);
  }
}
