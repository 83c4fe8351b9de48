package org.meditwin.inference.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.meditwin.inference.classify.Specialty;
import org.meditwin.inference.registry.Sha256;

/**
 * MTSamples reports grouped by text and labelled with one of the five routes (ADR 0053).
 *
 * <p>The same transcription appears under several {@code medical_specialty} values (e.g.
 * "Orthopedic" and "Surgery"). Rows are grouped by the SHA-256 of the normalised text;
 * document-type categories (Surgery, Consult, Radiology, SOAP, Discharge Summary...) carry no
 * routing signal and are ignored; a text whose remaining specialties map to exactly one route gets
 * that route, one that maps to two routes (spine cases: Neurosurgery + Orthopedic) is
 * <em>ambiguous</em> and kept out of training, and one that maps to none is out of scope. The split
 * is a function of the text hash only, so a text can never sit in two splits.
 */
public final class RouterCorpus {

  /** MTSamples specialty → route. Everything else is a document type or out of scope. */
  public static final Map<String, Specialty> MAPPING;

  static {
    Map<String, Specialty> m = new LinkedHashMap<>();
    m.put("Cardiovascular / Pulmonary", Specialty.CARDIOLOGY);
    m.put("Neurology", Specialty.NEUROLOGY);
    m.put("Neurosurgery", Specialty.NEUROLOGY);
    m.put("Orthopedic", Specialty.ORTHOPEDICS);
    m.put("Podiatry", Specialty.ORTHOPEDICS);
    m.put("General Medicine", Specialty.GENERAL_MEDICINE);
    m.put("ENT - Otolaryngology", Specialty.ENT_AUDIOLOGY);
    MAPPING = Map.copyOf(m);
  }

  /** Which split a text belongs to. */
  public enum Split {
    /** 70 %: fits the head. */
    TRAIN,
    /** 10 %: early stopping. */
    VALIDATION,
    /** 20 %: reported metrics, never used for any choice. */
    DEV
  }

  /**
   * One unique text.
   *
   * @param routes routes its specialties map to (0, 1 or 2+)
   * @param specialties original MTSamples categories of every row with this text
   */
  public record Example(
      String hash, String text, Set<Specialty> routes, Set<String> specialties, Split split) {
    public boolean labelled() {
      return routes.size() == 1;
    }

    public boolean ambiguous() {
      return routes.size() > 1;
    }

    public Specialty route() {
      return routes.iterator().next();
    }
  }

  private final List<Example> examples;
  private final int rows;

  private RouterCorpus(List<Example> examples, int rows) {
    this.examples = List.copyOf(examples);
    this.rows = rows;
  }

  public static RouterCorpus load(Path csv) throws IOException {
    List<List<String>> table;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      table = org.meditwin.core.io.Csv.read(in);
    }
    if (table.isEmpty()) {
      throw new IOException("empty CSV");
    }
    List<String> header = table.get(0);
    int spec = header.indexOf("medical_specialty");
    int text = header.indexOf("transcription");
    if (spec < 0 || text < 0) {
      throw new IOException("CSV lacks medical_specialty/transcription columns");
    }
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, Set<String>> specs = new HashMap<>();
    int rows = 0;
    for (List<String> row : table.subList(1, table.size())) {
      if (row.size() <= Math.max(spec, text)) {
        continue;
      }
      String t = normalise(row.get(text));
      if (t.isEmpty()) {
        continue;
      }
      rows++;
      String h = Sha256.of(t);
      texts.putIfAbsent(h, t);
      specs.computeIfAbsent(h, k -> new TreeSet<>()).add(row.get(spec).strip());
    }
    List<Example> out = new ArrayList<>();
    for (var e : texts.entrySet()) {
      Set<String> s = specs.get(e.getKey());
      EnumSet<Specialty> routes = EnumSet.noneOf(Specialty.class);
      for (String sp : s) {
        Optional.ofNullable(MAPPING.get(sp)).ifPresent(routes::add);
      }
      out.add(new Example(e.getKey(), e.getValue(), routes, s, splitOf(e.getKey())));
    }
    return new RouterCorpus(out, rows);
  }

  /** Report text cleaned of MTSamples' ",SECTION:," artefacts and runs of whitespace. */
  public static String normalise(String raw) {
    return raw.replace(":,", ": ").replaceAll("\\s+", " ").replaceAll("^,\\s*", "").strip();
  }

  /** 20 % dev, 10 % validation, 70 % train, by the first byte of the text's SHA-256. */
  static Split splitOf(String hash) {
    int bucket = Integer.parseInt(hash.substring(0, 2), 16) % 10;
    return bucket < 2 ? Split.DEV : bucket == 2 ? Split.VALIDATION : Split.TRAIN;
  }

  public int rows() {
    return rows;
  }

  public List<Example> examples() {
    return examples;
  }

  public List<Example> labelled(Split split) {
    return examples.stream().filter(e -> e.labelled() && e.split() == split).toList();
  }

  public List<Example> ambiguous(Split split) {
    return examples.stream().filter(e -> e.ambiguous() && e.split() == split).toList();
  }
}
