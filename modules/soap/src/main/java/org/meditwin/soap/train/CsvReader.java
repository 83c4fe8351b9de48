package org.meditwin.soap.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) with a header row. */
public final class CsvReader {
  private CsvReader() {}

  /** Rows as column → value maps, in file order. */
  public static List<Map<String, String>> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  static List<Map<String, String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    List<Map<String, String>> out = new ArrayList<>();
    if (rows.isEmpty()) {
      return out;
    }
    List<String> header = rows.get(0);
    for (int r = 1; r < rows.size(); r++) {
      List<String> v = rows.get(r);
      if (v.size() == 1 && v.get(0).isEmpty()) {
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        m.put(header.get(k).strip(), k < v.size() ? v.get(k) : "");
      }
      out.add(m);
    }
    return out;
  }
}
