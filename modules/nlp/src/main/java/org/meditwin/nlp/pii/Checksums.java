package org.meditwin.nlp.pii;

import java.math.BigInteger;

/** Check-digit algorithms of identifiers (all pure functions on digit strings). */
final class Checksums {
  private Checksums() {}

  static String digits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Luhn (ISO/IEC 7812) for payment cards. */
  static boolean luhn(String digits) {
    if (digits.isEmpty()) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** UK NHS number: 10 digits, weights 10..2, check = 11 - (sum mod 11), 10 is invalid. */
  static boolean nhs(String digits) {
    if (digits.length() != 10) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == digits.charAt(9) - '0';
  }

  /** IBAN (ISO 13616): move the first four characters to the end, letters → 10..35, mod 97 = 1. */
  static boolean iban(String raw) {
    String s = raw.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    if (s.length() < 15 || s.length() > 34 || !s.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
      return false;
    }
    String moved = s.substring(4) + s.substring(0, 4);
    StringBuilder num = new StringBuilder();
    for (char c : moved.toCharArray()) {
      num.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  /** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): mod-23 letter. */
  static boolean spanishId(String raw) {
    String s = raw.toUpperCase(java.util.Locale.ROOT).replace("-", "");
    if (!s.matches("[XYZ0-9]\\d{7}[A-Z]")) {
      return false;
    }
    String lead =
        String.valueOf(
            "XYZ".indexOf(s.charAt(0)) >= 0 ? "XYZ".indexOf(s.charAt(0)) : s.charAt(0) - '0');
    long n = Long.parseLong(lead + s.substring(1, 8));
    return "TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (n % 23)) == s.charAt(8);
  }

  /** US SSN validity: area not 000, 666 or 9xx; group not 00; serial not 0000. */
  static boolean ssn(String digits) {
    if (digits.length() != 9) {
      return false;
    }
    int area = Integer.parseInt(digits.substring(0, 3));
    int group = Integer.parseInt(digits.substring(3, 5));
    int serial = Integer.parseInt(digits.substring(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }
}
