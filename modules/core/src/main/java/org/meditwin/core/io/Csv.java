package org.meditwin.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV reader for the training and evaluation data in {@code ../shared/data}: quoted
 * fields, doubled quotes, commas and newlines inside quotes, CRLF or LF line ends. One copy for
 * every module that reads CSV.
 */
public final class Csv {
  private Csv() {}

  /** All rows, each a list of fields; a trailing newline does not add an empty row. */
  public static List<List<String>> read(Reader reader) throws IOException {
    Reader in = reader.markSupported() ? reader : new BufferedReader(reader);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int c;
    while ((c = in.read()) != -1) {
      any = true;
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        any = false;
      } else if (ch != '\r') {
        field.append(ch);
      }
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
