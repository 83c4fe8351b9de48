package org.meditwin.pacs.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsException.Reason;

/**
 * Streaming reader of a {@code multipart/related} body (RFC 2046 §5.1) with bounded header and part
 * sizes: parts are returned one at a time, in memory only. The delimiter is found with a
 * Knuth–Morris–Pratt automaton, so a part of n bytes costs O(n).
 */
public final class MultipartReader {
  /** One body part: its headers (names lower-cased) and content. */
  public record Part(Map<String, String> headers, byte[] body) {
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final InputStream in;
  private final byte[] delimiter;
  private final int[] failure;
  private final long maxPartBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean started;
  private boolean finished;

  public MultipartReader(InputStream in, String boundary, long maxPartBytes) {
    if (boundary.isEmpty() || boundary.length() > 70) {
      throw new PacsException(Reason.PROTOCOL, "The multipart boundary is missing or too long.");
    }
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    this.failure = failureFunction(delimiter);
    this.maxPartBytes = maxPartBytes;
  }

  /**
   * The boundary parameter of a {@code Content-Type} header value, unquoted.
   *
   * @throws PacsException (PROTOCOL) when the type is not multipart or has no boundary
   */
  public static String boundaryOf(String contentType) {
    String ct = contentType == null ? "" : contentType;
    if (!ct.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      throw new PacsException(
          Reason.PROTOCOL,
          "The server did not answer with a multipart body (" + shortType(ct) + ").");
    }
    for (String param : ct.split(";")) {
      String p = param.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        if (!v.isEmpty()) {
          return v;
        }
      }
    }
    throw new PacsException(Reason.PROTOCOL, "The multipart answer has no boundary.");
  }

  private static String shortType(String ct) {
    int semi = ct.indexOf(';');
    String t = semi < 0 ? ct : ct.substring(0, semi);
    return t.length() > 60 ? t.substring(0, 60) : t;
  }

  /** The next part, or empty after the closing delimiter. */
  public Optional<Part> next() throws IOException {
    if (finished) {
      return Optional.empty();
    }
    if (!started) {
      started = true;
      // the first delimiter may come without the leading CRLF: treat the body as if preceded by one
      if (!skipPreamble()) {
        throw new PacsException(Reason.PROTOCOL, "The multipart answer has no parts.");
      }
    }
    // after a delimiter: "--" closes the body; otherwise optional padding, then CRLF
    StringBuilder rest = new StringBuilder();
    int b;
    while ((b = read()) != '\n') {
      if (b < 0) {
        throw truncated();
      }
      if (rest.length() > 1024) {
        throw new PacsException(Reason.PROTOCOL, "A multipart delimiter line is malformed.");
      }
      rest.append((char) b);
      if (rest.length() == 2 && rest.toString().equals("--")) {
        finished = true;
        return Optional.empty();
      }
    }
    Map<String, String> headers = readHeaders();
    byte[] body = readUntilDelimiter();
    return Optional.of(new Part(headers, body));
  }

  private boolean skipPreamble() throws IOException {
    byte[] firstDelimiter = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
    // fast path: body starts with "--boundary"
    int state = 0;
    int[] f = failureFunction(firstDelimiter);
    long skipped = 0;
    int b;
    while ((b = read()) >= 0) {
      while (state > 0 && b != (firstDelimiter[state] & 0xff)) {
        state = f[state - 1];
      }
      if (b == (firstDelimiter[state] & 0xff)) {
        state++;
      }
      if (state == firstDelimiter.length) {
        return true;
      }
      if (++skipped > MAX_HEADER_BYTES) {
        return false;
      }
    }
    return false;
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = read();
      if (b < 0) {
        throw truncated();
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new PacsException(Reason.PROTOCOL, "A multipart part has oversized headers.");
      }
      if (b == '\n') {
        String l = line.toString(StandardCharsets.ISO_8859_1);
        if (l.endsWith("\r")) {
          l = l.substring(0, l.length() - 1);
        }
        line.reset();
        if (l.isEmpty()) {
          return headers;
        }
        int colon = l.indexOf(':');
        if (colon > 0) {
          headers.put(
              l.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              l.substring(colon + 1).strip());
        }
      } else {
        line.write(b);
      }
    }
  }

  private byte[] readUntilDelimiter() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    int state = 0;
    long size = 0;
    while (true) {
      if (pos >= limit && !fill()) {
        throw truncated();
      }
      int start = pos;
      while (pos < limit) {
        int b = buffer[pos++] & 0xff;
        while (state > 0 && b != (delimiter[state] & 0xff)) {
          state = failure[state - 1];
        }
        if (b == (delimiter[state] & 0xff)) {
          state++;
        }
        if (state == delimiter.length) {
          if (size + (pos - start) - delimiter.length > maxPartBytes) {
            throw tooLarge();
          }
          body.write(buffer, start, pos - start);
          byte[] all = body.toByteArray();
          return java.util.Arrays.copyOf(all, all.length - delimiter.length);
        }
      }
      size += pos - start;
      if (size > maxPartBytes + delimiter.length) {
        throw tooLarge();
      }
      body.write(buffer, start, pos - start);
    }
  }

  private int read() throws IOException {
    if (pos >= limit && !fill()) {
      return -1;
    }
    return buffer[pos++] & 0xff;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private PacsException tooLarge() {
    return new PacsException(
        Reason.PROTOCOL,
        "An object in the answer exceeds the limit of "
            + (maxPartBytes >= 1 << 20
                ? (maxPartBytes >> 20) + " MiB."
                : maxPartBytes + " bytes."));
  }

  private static PacsException truncated() {
    return new PacsException(
        Reason.PROTOCOL, "The multipart answer ended in the middle of a part.");
  }

  private static int[] failureFunction(byte[] p) {
    int[] f = new int[p.length];
    int k = 0;
    for (int i = 1; i < p.length; i++) {
      while (k > 0 && p[i] != p[k]) {
        k = f[k - 1];
      }
      if (p[i] == p[k]) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }
}
