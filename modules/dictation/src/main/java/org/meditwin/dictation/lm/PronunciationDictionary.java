package org.meditwin.dictation.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CMU-style pronunciation dictionary ({@code word PH ON ES}, alternates as {@code word(2)},
 * {@code ;;;} or {@code #} comments). Phones are checked against the CMU 39-phone set.
 */
public final class PronunciationDictionary {
  /** The phones of pocketsphinx's en-us acoustic model (CMUdict ARPAbet without stress marks). */
  public static final Set<String> PHONES =
      Set.of(
          "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G",
          "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T",
          "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH");

  private final Map<String, List<String>> entries;

  private PronunciationDictionary(Map<String, List<String>> entries) {
    this.entries = entries;
  }

  public static PronunciationDictionary read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r);
    }
  }

  public static PronunciationDictionary read(Reader reader) throws IOException {
    Map<String, List<String>> map = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(reader);
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      String l = line.strip();
      int hash = l.indexOf('#');
      if (hash >= 0) {
        l = l.substring(0, hash).strip();
      }
      if (l.isEmpty() || l.startsWith(";;;")) {
        continue;
      }
      String[] parts = l.split("\\s+", 2);
      if (parts.length < 2) {
        throw new IOException("dictionary line " + n + " has no phones: " + line);
      }
      String word = parts[0].toLowerCase(Locale.ROOT).replaceAll("\\(\\d+\\)$", "");
      String phones = parts[1].replaceAll("[012]", "").strip();
      for (String ph : phones.split("\\s+")) {
        if (!PHONES.contains(ph)) {
          throw new IOException("dictionary line " + n + ": unknown phone " + ph);
        }
      }
      List<String> prons = map.computeIfAbsent(word, k -> new ArrayList<>());
      if (!prons.contains(phones)) {
        prons.add(phones);
      }
    }
    return new PronunciationDictionary(map);
  }

  public boolean contains(String word) {
    return entries.containsKey(word);
  }

  /** Pronunciations in file order (first is the primary). */
  public List<String> pronunciations(String word) {
    return entries.getOrDefault(word, List.of());
  }

  public Set<String> words() {
    return entries.keySet();
  }

  public int size() {
    return entries.size();
  }
}
