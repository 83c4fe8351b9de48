package org.meditwin.pacs.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.QueryLevel;

/** Reading the DICOM JSON model (PS3.18 Annex F): tags as 8 hex digits, values in "Value". */
final class DicomJson {
  private DicomJson() {}

  static Optional<String> string(JsonNode item, String tag) {
    JsonNode v = item.path(tag).path("Value");
    if (!v.isArray() || v.isEmpty()) {
      return Optional.empty();
    }
    JsonNode first = v.get(0);
    String s;
    if (first.isObject()) {
      s = first.path("Alphabetic").asText("");
    } else {
      s = first.asText("");
    }
    s = s.strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  static List<String> strings(JsonNode item, String tag) {
    List<String> out = new ArrayList<>();
    JsonNode v = item.path(tag).path("Value");
    if (v.isArray()) {
      for (JsonNode e : v) {
        String s = e.asText("").strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  static OptionalInt integer(JsonNode item, String tag) {
    Optional<String> s = string(item, tag);
    if (s.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of((int) Double.parseDouble(s.get()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  static List<JsonNode> sequence(JsonNode item, String tag) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode v = item.path(tag).path("Value");
    if (v.isArray()) {
      v.forEach(out::add);
    }
    return out;
  }

  static Optional<LocalDate> date(JsonNode item, String tag) {
    return string(item, tag).flatMap(DicomJson::parseDate);
  }

  private static Optional<LocalDate> parseDate(String da) {
    String d = da.replace(".", "").replace("-", "");
    if (d.length() != 8 || !d.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(d.substring(0, 4)),
              Integer.parseInt(d.substring(4, 6)),
              Integer.parseInt(d.substring(6, 8))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  static PacsMatch match(QueryLevel level, JsonNode item) {
    List<String> modalities =
        level == QueryLevel.SERIES ? strings(item, "00080060") : strings(item, "00080061");
    OptionalInt count =
        switch (level) {
          case STUDY, PATIENT -> integer(item, "00201208");
          case SERIES -> integer(item, "00201209");
          case IMAGE -> OptionalInt.empty();
        };
    return new PacsMatch(
        level,
        string(item, "00100020"),
        string(item, "00100010"),
        date(item, "00100030"),
        string(item, "0020000D"),
        date(item, "00080020"),
        string(item, "00081030"),
        string(item, "00080050"),
        modalities,
        string(item, "0020000E"),
        integer(item, "00200011"),
        string(item, "0008103E"),
        string(item, "00080018"),
        string(item, "00080016"),
        integer(item, "00200013"),
        count);
  }

  /** A study match reduced to its patient (PATIENT-level answers built from QIDO-RS studies). */
  static PacsMatch asPatient(PacsMatch study) {
    return new PacsMatch(
        QueryLevel.PATIENT,
        study.patientId(),
        study.patientName(),
        study.patientBirthDate(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty());
  }
}
