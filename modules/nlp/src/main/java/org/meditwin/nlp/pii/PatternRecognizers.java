package org.meditwin.nlp.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression recognisers with validation (checksums, ranges) and context words, in the
 * manner of Presidio's predefined recognisers. Patterns use bounded, possessive repetition so a
 * megabyte of hostile text stays linear.
 */
final class PatternRecognizers {
  private PatternRecognizers() {}

  private static final int CONTEXT = 48;

  static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.+-])[\\p{L}\\p{N}._%+-]{1,64}+@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){0,8}\\.\\p{L}{2,24}(?![\\p{L}\\p{N}-])");
  static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:(?:https?|ftp)://[^\\s<>\"'()]{1,2000}+|www\\.[a-z0-9-]{1,63}+(?:\\.[a-z0-9-]{1,63}+){1,6}+(?:/[^\\s<>\"'()]{0,2000}+)?)");
  static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)(?<![@\\w.-])[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,4}\\.(?:com|org|net|edu|gov|io|info|biz|co|uk|de|fr|es|it|nl|se|no|dk|fi|pl|pt|be|ch|at|cz|hu|gr|ie|ca|au|nz|us|in|cn|jp|br|mx|ru|uy|ar|cl|health|care|clinic|hospital)(?:/[^\\s<>\"'()]{0,500}+)?(?![\\w-])");
  static final Pattern IPV4 =
      Pattern.compile(
          "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]\\d)");
  static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:])[0-9a-f:]{2,39}+(?![\\w:])");
  static final Pattern SSN =
      Pattern.compile("(?<![\\d-])(\\d{3})([- .]?)(\\d{2})\\2(\\d{4})(?![\\d-])");
  static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?+){12,18}\\d(?![\\d-])");
  static final Pattern IBAN =
      Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
  static final Pattern NHS = Pattern.compile("(?<![\\d-])\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?![\\d-])");
  static final Pattern SPANISH_ID = Pattern.compile("\\b[XYZxyz0-9]\\d{7}-?[A-Za-z]\\b");

  /** Phone numbers: optional country code, 7-15 digits in groups. */
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w/+.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,5}(?:[ .-]\\d{1,5}){1,5}+(?:\\s?(?:x|ext\\.?)\\s?\\d{1,6})?(?![\\w/-])|(?<![\\w/+.-])\\+?\\d{7,15}(?![\\w/.-])");

  static final Pattern CONTEXT_ID =
      Pattern.compile(
          "(?i)\\b(mrn|medical record(?: number| no\\.?| #)?|med\\.? rec\\.?(?: no\\.?)?|patient id|pt id|chart(?: number| no\\.?| #)?|hospital (?:number|no\\.?)|unit number|account(?: number| no\\.?| #)?|acct\\.?(?: no\\.?| #)?|a/c|billing (?:number|no\\.?)|policy(?: number| no\\.?| #)?|member id|insurance id|subscriber id|health plan(?: id| number)?|medicare(?: number| id)?|medicaid(?: number| id)?|driver'?s? licen[cs]e(?: number| no\\.?| #)?|licen[cs]e(?: number| no\\.?| #)?|dl(?: number| no\\.?| #)|dea(?: number| no\\.?| #)?|npi|passport(?: number| no\\.?| #)?|serial(?: number| no\\.?| #)?|device id|id(?: number| no\\.?| #)?|ssn|social security(?: number| no\\.?)?)\\s{0,3}(?:is|was|:|#|=|-)?\\s{0,3}(?:is\\s{0,3})?(?:number\\s{0,3})?(?:#\\s{0,2})?([A-Za-z]{0,3}[-]?\\d[\\dA-Za-z-]{2,24}+)");
  static final Pattern AGE =
      Pattern.compile(
          "(?i)\\b(\\d{1,3})(?:\\s?-?\\s?(?:years?|yrs?|y)\\.?\\s?-?\\s?(?:old|of age)|\\s?(?:y/o|yo|y\\.o\\.|yr old))\\b|\\b(?:aged?|age:|age of|turned|turning|turns)\\s{0,3}(\\d{1,3})\\b|\\b(\\d{1,3})\\s?(?:year|yr)s?\\s?-?\\s?old\\b");
  private static final String MONTH =
      "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  static final Pattern DATE =
      Pattern.compile(
          "(?i)\\b(?:"
              + "\\d{4}-\\d{1,2}-\\d{1,2}(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:z|[+-]\\d{2}:?\\d{2})?)?"
              + "|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?:\\s\\d{1,2}:\\d{2}(?::\\d{2})?\\s?(?:am|pm)?)?"
              + "|\\d{1,2}/\\d{4}"
              + "|\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?"
              + MONTH
              + ",?(?:\\s\\d{4}|\\s'\\d{2})?"
              + "|"
              + MONTH
              + "\\s\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s\\d{4})?"
              + "|"
              + MONTH
              + "\\s\\d{4}"
              + "|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
              + "|\\d{1,2}:\\d{2}(?::\\d{2})?\\s?(?:am|pm)"
              + ")\\b");
  static final Pattern YEAR =
      Pattern.compile(
          "(?<![\\d.,/-])(?:19|20)\\d{2}(?![\\d.,/-]|\\s?(?:mg|ml|mcg|g|units?|iu|kg)\\b)");
  static final Pattern ZIP_AFTER_STATE =
      Pattern.compile("\\b(?:[A-Z]{2}|[A-Z][a-z]+)\\s?,?\\s(\\d{5}(?:-\\d{4})?)\\b");
  static final Pattern UK_POSTCODE = Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s\\d[A-Z]{2}\\b");
  static final Pattern STREET =
      Pattern.compile(
          "\\b\\d{1,6}[A-Za-z]?\\s(?:[\\p{Lu}][\\p{L}'.-]{1,30}\\s){0,4}(?:[\\p{Lu}][\\p{L}'.-]{1,30}\\s)?(?i:street|st\\.?|avenue|ave\\.?|road|rd\\.?|boulevard|blvd\\.?|lane|ln\\.?|drive|dr\\.?|court|ct\\.?|way|place|pl\\.?|terrace|highway|hwy\\.?|parkway|pkwy\\.?|square|sq\\.?|circle|cir\\.?|trail|crescent|close|alley|plaza|row|walk|gardens)\\b(?:,?\\s(?i:apt\\.?|apartment|suite|ste\\.?|unit|floor|fl\\.?|#)\\s?[\\w-]{1,6})?");
  static final Pattern UNIT =
      Pattern.compile(
          "(?i)\\b(?:apt\\.?|apartment|suite|ste\\.|unit|p\\.?\\s?o\\.?\\s?box|psc|box)\\s?#?\\s?\\d{1,6}[A-Za-z]?\\b");

  static List<PiiSpan> find(String text) {
    List<PiiSpan> out = new ArrayList<>();
    add(out, text, EMAIL, PiiType.EMAIL, 0.95, "rule:email");
    add(out, text, URL, PiiType.URL, 0.9, "rule:url");
    Matcher m = DOMAIN.matcher(text);
    while (m.find()) {
      String s = m.group();
      boolean insideEmail = m.start() > 0 && text.charAt(m.start() - 1) == '@';
      if (!insideEmail && !s.matches("(?i)[a-z]+\\.(?:in|co|us|it|be|no|at|de|es|pl|se)")) {
        out.add(span(text, m.start(), m.end(), PiiType.URL, 0.7, "rule:domain"));
      }
    }
    add(out, text, IPV4, PiiType.IP_ADDRESS, 0.85, "rule:ipv4");
    m = IPV6.matcher(text);
    while (m.find()) {
      if (isIpv6(m.group())) {
        out.add(span(text, m.start(), m.end(), PiiType.IP_ADDRESS, 0.8, "rule:ipv6"));
      }
    }
    ssn(text, out);
    cards(text, out);
    m = IBAN.matcher(text);
    while (m.find()) {
      if (Checksums.iban(m.group())) {
        out.add(span(text, m.start(), m.end(), PiiType.IBAN, 0.95, "rule:iban"));
      }
    }
    m = NHS.matcher(text);
    while (m.find()) {
      if (Checksums.nhs(Checksums.digits(m.group())) && context(text, m.start(), "nhs")) {
        out.add(span(text, m.start(), m.end(), PiiType.NATIONAL_ID, 0.9, "rule:nhs"));
      }
    }
    m = SPANISH_ID.matcher(text);
    while (m.find()) {
      if (Checksums.spanishId(m.group())) {
        out.add(span(text, m.start(), m.end(), PiiType.NATIONAL_ID, 0.85, "rule:dni-nie"));
      }
    }
    contextIds(text, out);
    phones(text, out);
    dates(text, out);
    ages(text, out);
    addresses(text, out);
    return out;
  }

  private static void ssn(String text, List<PiiSpan> out) {
    Matcher m = SSN.matcher(text);
    while (m.find()) {
      String digits = m.group(1) + m.group(3) + m.group(4);
      boolean separated = !m.group(2).isEmpty();
      boolean ctx = context(text, m.start(), "ssn", "social security", "social sec", "ss#", "ss #");
      if (Checksums.ssn(digits) && (ctx || (separated && !m.group(2).equals(".")))) {
        out.add(span(text, m.start(), m.end(), PiiType.US_SSN, ctx ? 0.95 : 0.7, "rule:ssn"));
      }
    }
  }

  private static void cards(String text, List<PiiSpan> out) {
    Matcher m = CARD.matcher(text);
    while (m.find()) {
      String d = Checksums.digits(m.group());
      if (d.length() < 13 || d.length() > 19) {
        continue;
      }
      boolean ctx =
          context(
              text,
              m.start(),
              "card",
              "credit",
              "debit",
              "visa",
              "mastercard",
              "amex",
              "cc ",
              "cc#",
              "payment");
      if (Checksums.luhn(d) || ctx) {
        out.add(
            span(
                text,
                m.start(),
                m.end(),
                PiiType.CREDIT_CARD,
                Checksums.luhn(d) ? 0.9 : 0.6,
                "rule:card"));
      }
    }
    // 12-digit card numbers with a card context (some issuers' test and private-label cards)
    Matcher m12 = Pattern.compile("(?<![\\d-])\\d{12}(?![\\d-])").matcher(text);
    while (m12.find()) {
      if (context(text, m12.start(), "card", "credit", "cc ")) {
        out.add(span(text, m12.start(), m12.end(), PiiType.CREDIT_CARD, 0.6, "rule:card"));
      }
    }
  }

  private static void contextIds(String text, List<PiiSpan> out) {
    Matcher m = CONTEXT_ID.matcher(text);
    while (m.find()) {
      String cue = m.group(1).toLowerCase(Locale.ROOT);
      String id = m.group(2);
      if (Checksums.digits(id).length() < 3) {
        continue;
      }
      PiiType type;
      if (cue.startsWith("ssn") || cue.startsWith("social")) {
        type = PiiType.US_SSN;
      } else if (cue.startsWith("medicare") || cue.startsWith("medicaid")) {
        type = PiiType.ACCOUNT_NUMBER;
      } else if (cue.startsWith("mrn")
          || cue.startsWith("medical")
          || cue.startsWith("med")
          || cue.startsWith("patient")
          || cue.startsWith("pt")
          || cue.startsWith("chart")
          || cue.startsWith("hospital")
          || cue.startsWith("unit")) {
        type = PiiType.MEDICAL_RECORD_NUMBER;
      } else if (cue.contains("licen")
          || cue.startsWith("dl")
          || cue.startsWith("dea")
          || cue.startsWith("npi")) {
        type = PiiType.LICENSE_NUMBER;
      } else if (cue.startsWith("passport")
          || cue.startsWith("serial")
          || cue.startsWith("device")
          || cue.startsWith("id")) {
        type = PiiType.ID_NUMBER;
      } else {
        type = PiiType.ACCOUNT_NUMBER;
      }
      out.add(span(text, m.start(2), m.end(2), type, 0.85, "rule:context-id"));
    }
  }

  private static void phones(String text, List<PiiSpan> out) {
    Matcher m = PHONE.matcher(text);
    while (m.find()) {
      String s = m.group();
      String d = Checksums.digits(s);
      if (d.length() < 7 || d.length() > 15) {
        continue;
      }
      boolean ctx =
          context(
              text,
              m.start(),
              "phone",
              "tel",
              "call",
              "cell",
              "mobile",
              "fax",
              "contact",
              "number",
              "pager",
              "reach",
              "registered",
              "ph:",
              "ph.",
              "landline",
              "text");
      boolean formatted =
          s.matches("\\+?\\d{0,3}[ .-]?\\(?\\d{3}\\)?[ .-]?\\d{3}[ .-]\\d{4}.*")
              || s.startsWith("+")
              || s.startsWith("(");
      boolean dateLike =
          s.matches("\\d{4}[-.]\\d{1,2}[-.]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
      boolean grouped = s.matches("\\d{2,4}(?:[ .-]\\d{2,4}){2,5}");
      if (dateLike || !(ctx || formatted || (grouped && d.length() >= 8))) {
        continue;
      }
      boolean fax = nearestCueIsFax(text, m.start());
      out.add(
          span(
              text,
              m.start(),
              m.end(),
              fax ? PiiType.FAX : PiiType.PHONE,
              ctx ? 0.85 : 0.6,
              "rule:phone"));
    }
  }

  private static void dates(String text, List<PiiSpan> out) {
    Matcher m = DATE.matcher(text);
    while (m.find()) {
      out.add(span(text, m.start(), m.end(), PiiType.DATE, 0.85, "rule:date"));
    }
    m = YEAR.matcher(text);
    while (m.find()) {
      out.add(span(text, m.start(), m.end(), PiiType.DATE, 0.5, "rule:year"));
    }
  }

  private static void ages(String text, List<PiiSpan> out) {
    Matcher m = AGE.matcher(text);
    while (m.find()) {
      int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
      int age = Integer.parseInt(m.group(g));
      if (age <= 125) {
        out.add(span(text, m.start(g), m.end(g), PiiType.AGE, 0.9, "rule:age"));
      }
    }
  }

  private static void addresses(String text, List<PiiSpan> out) {
    add(out, text, STREET, PiiType.LOCATION, 0.8, "rule:street");
    add(out, text, UNIT, PiiType.LOCATION, 0.7, "rule:unit");
    add(out, text, UK_POSTCODE, PiiType.LOCATION, 0.7, "rule:postcode");
    Matcher m = ZIP_AFTER_STATE.matcher(text);
    while (m.find()) {
      out.add(span(text, m.start(1), m.end(1), PiiType.LOCATION, 0.6, "rule:zip"));
    }
  }

  private static void add(
      List<PiiSpan> out, String text, Pattern p, PiiType type, double score, String source) {
    Matcher m = p.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(span(text, m.start(), m.end(), type, score, source));
      }
    }
  }

  /** RFC 4291 text form: up to 8 groups of 1-4 hex digits, at most one "::". */
  static boolean isIpv6(String s) {
    if (s.chars().filter(c -> c == ':').count() < 2) {
      return false;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    String[] halves =
        dbl >= 0 ? new String[] {s.substring(0, dbl), s.substring(dbl + 2)} : new String[] {s};
    int groups = 0;
    for (String h : halves) {
      if (h.isEmpty()) {
        continue;
      }
      for (String g : h.split(":", -1)) {
        if (g.isEmpty() || g.length() > 4) {
          return false;
        }
        groups++;
      }
    }
    return dbl >= 0 ? groups < 8 && groups >= 1 : groups == 8;
  }

  /** True when "fax" is the cue closest before {@code start} (not "phone", "tel", "mobile"...). */
  static boolean nearestCueIsFax(String text, int start) {
    String before = text.substring(Math.max(0, start - CONTEXT), start).toLowerCase(Locale.ROOT);
    int fax = Math.max(before.lastIndexOf("fax"), before.lastIndexOf("facsimile"));
    int other = -1;
    for (String w : List.of("phone", "tel", "call", "cell", "mobile", "pager", "contact")) {
      other = Math.max(other, before.lastIndexOf(w));
    }
    return fax >= 0 && fax > other;
  }

  /** True when one of {@code words} occurs shortly before {@code start} (case-insensitive). */
  static boolean context(String text, int start, String... words) {
    String before = text.substring(Math.max(0, start - CONTEXT), start).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  static PiiSpan span(String text, int start, int end, PiiType type, double score, String src) {
    int e = end;
    while (e > start && ".,;:".indexOf(text.charAt(e - 1)) >= 0 && type != PiiType.LOCATION) {
      e--;
    }
    return new PiiSpan(start, e, type, text.substring(start, e), score, src);
  }
}
