package org.meditwin.dictation.lm;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
public final class CsvRecords {
  private CsvRecords() {}

  public static List<List<String>> read(Reader in) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int c;
    while ((c = in.read()) >= 0) {
      any = true;
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          int d = in.read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (d >= 0) {
              in.reset();
            }
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
      } else if (c != '\r') {
        field.append((char) c);
      }
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
    }
    if (quoted) {
      throw new IOException("CSV ends inside a quoted field");
    }
    return rows;
  }
}
