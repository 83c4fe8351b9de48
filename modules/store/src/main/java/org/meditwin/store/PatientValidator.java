package org.meditwin.store;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;

/**
 * Validates patient input. Messages name the field and the rule, never the value (PHI).
 *
 * <p>A blank MRN is allowed and replaced by a generated one ({@code MT-} + 8 characters from an
 * unambiguous alphabet), so a patient can be registered before the clinic's record number is known;
 * see ADR 0022.
 */
final class PatientValidator {

  static final int MAX_MRN = 64;
  static final int MAX_NAME = 200;
  static final int MAX_PHONE = 64;
  static final int MAX_EMAIL = 254;
  static final int MAX_ADDRESS = 1000;
  static final int MAX_NOTES = 20000;
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern MRN = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._/#-]*$");
  private static final Pattern PHONE = Pattern.compile("^[0-9+()./#*\\- xXextEXT]*$");
  private static final char[] MRN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Input after validation: stripped, defaults applied. */
  record Valid(
      String mrn,
      String givenName,
      String familyName,
      Optional<LocalDate> birthDate,
      Sex sex,
      String phone,
      String email,
      String address,
      String notes) {}

  private PatientValidator() {}

  static Valid validate(PatientInput in, LocalDate today) {
    if (in == null) {
      throw new IllegalArgumentException("Patient details are required.");
    }
    String given = singleLine(in.givenName(), "Given name", MAX_NAME);
    String family = singleLine(in.familyName(), "Family name", MAX_NAME);
    if (given.isEmpty() && family.isEmpty()) {
      throw new IllegalArgumentException("Enter a family name or a given name.");
    }
    String mrn = singleLine(in.mrn(), "MRN", MAX_MRN);
    if (mrn.isEmpty()) {
      mrn = generateMrn();
    } else if (!MRN.matcher(mrn).matches()) {
      throw new IllegalArgumentException(
          "MRN may contain only letters, digits, spaces and . _ / # - (starting with a letter or"
              + " digit).");
    }
    Optional<LocalDate> birth = in.birthDate() == null ? Optional.empty() : in.birthDate();
    if (birth.isPresent()) {
      if (birth.get().isAfter(today)) {
        throw new IllegalArgumentException("Birth date cannot be in the future.");
      }
      if (birth.get().isBefore(EARLIEST_BIRTH)) {
        throw new IllegalArgumentException("Birth date is before 1880: please check it.");
      }
    }
    String phone = singleLine(in.phone(), "Phone", MAX_PHONE);
    if (!phone.isEmpty()
        && (!PHONE.matcher(phone).matches() || SearchText.digits(phone).length() < 3)) {
      throw new IllegalArgumentException(
          "Phone must contain at least 3 digits and only digits, spaces, + ( ) . / # * - or"
              + " \"ext\".");
    }
    String email = singleLine(in.email(), "E-mail", MAX_EMAIL);
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("E-mail address is not valid (expected name@domain).");
    }
    String address = multiLine(in.address(), "Address", MAX_ADDRESS);
    String notes = multiLine(in.notes(), "Notes", MAX_NOTES);
    Sex sex = in.sex() == null ? Sex.UNKNOWN : in.sex();
    return new Valid(mrn, given, family, birth, sex, phone, email, address, notes);
  }

  static String generateMrn() {
    StringBuilder b = new StringBuilder("MT-");
    for (int i = 0; i < 8; i++) {
      b.append(MRN_ALPHABET[RANDOM.nextInt(MRN_ALPHABET.length)]);
    }
    return b.toString();
  }

  private static String singleLine(String s, String field, int max) {
    String v = s == null ? "" : s.strip();
    if (v.length() > max) {
      throw new IllegalArgumentException(field + " is too long (at most " + max + " characters).");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw new IllegalArgumentException(field + " must be a single line of text.");
      }
    }
    return v;
  }

  private static String multiLine(String s, String field, int max) {
    String v = s == null ? "" : s.strip();
    if (v.length() > max) {
      throw new IllegalArgumentException(field + " is too long (at most " + max + " characters).");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw new IllegalArgumentException(field + " contains control characters.");
      }
    }
    return v;
  }
}
