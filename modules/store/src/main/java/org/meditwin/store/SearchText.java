package org.meditwin.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Case- and accent-insensitive search keys ("Zoë Ångström" → "zoe angstrom"). */
final class SearchText {
  private SearchText() {}

  static String normalise(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK) {
        continue;
      }
      switch (c) {
        case 'ß' -> b.append("ss");
        case 'Æ', 'æ' -> b.append("ae");
        case 'Œ', 'œ' -> b.append("oe");
        case 'Ø', 'ø' -> b.append('o');
        case 'Ł', 'ł' -> b.append('l');
        case 'Đ', 'đ', 'Ð', 'ð' -> b.append('d');
        case 'Þ', 'þ' -> b.append("th");
        case 'ı' -> b.append('i');
        default -> b.append(Character.isWhitespace(c) ? ' ' : c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT).replaceAll(" +", " ").strip();
  }

  static String digits(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** The stored key of a patient: names, MRN, phone as typed and as digits, e-mail. */
  static String forPatient(
      String givenName, String familyName, String mrn, String phone, String email) {
    List<String> parts = new ArrayList<>();
    parts.add(normalise(givenName));
    parts.add(normalise(familyName));
    parts.add(normalise(mrn));
    parts.add(normalise(phone));
    parts.add(digits(phone));
    parts.add(normalise(email));
    StringBuilder b = new StringBuilder("|");
    for (String p : parts) {
      if (!p.isEmpty()) {
        b.append(p).append('|');
      }
    }
    return b.toString();
  }

  /** Alphabetical order of lists: normalised "family given". */
  static String sortKey(String familyName, String givenName) {
    return (normalise(familyName) + " " + normalise(givenName)).strip();
  }

  /** Query tokens (normalised, split on whitespace and commas). */
  static List<String> tokens(String query) {
    List<String> out = new ArrayList<>();
    for (String t : normalise(query).split("[\\s,;]+")) {
      if (!t.isBlank()) {
        out.add(t);
      }
    }
    return out;
  }
}
