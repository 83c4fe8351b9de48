package org.meditwin.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test transcripts (SYNTHETIC visits written for these tests; no real patient). */
final class Transcripts {
  private Transcripts() {}

  static String hearingVisit() {
    return resource("hearing-visit.txt");
  }

  static String resource(String name) {
    try (InputStream in = Transcripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
