package org.meditwin.dictation.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@code models/asr-hearing-lm/}: a trigram Kneser-Ney language model (ARPA) and a
 * pronunciation dictionary for its vocabulary, from SYNTHETIC hearing-care dictations ({@link
 * SyntheticDictations}) and the MTSamples ENT - Otolaryngology transcriptions.
 */
public final class HearingLmBuilder {
  public static final String ENT_SPECIALTY = "ENT - Otolaryngology";
  public static final int SYNTHETIC_SENTENCES = 4000;
  public static final long SEED = 80;

  /** Inputs and output folder. */
  public record Inputs(Path mtSamplesCsv, Path baseDictionary, Path outputDir) {}

  /** What was built. */
  public record Result(
      int syntheticSentences,
      int entNotes,
      int entSentences,
      int tokens,
      int vocabulary,
      int oovTypesDropped,
      int domainPronunciationsUsed,
      int[] ngrams) {}

  private HearingLmBuilder() {}

  /** The held-out evaluation dictations (never used for training). */
  public static List<String> heldOut() throws IOException {
    return resourceLines("heldout-dictations.txt");
  }

  /** The curated audiology dictionary. */
  public static PronunciationDictionary audiologyDictionary() throws IOException {
    try (InputStream in = resource("audiology.dict")) {
      return PronunciationDictionary.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** Text of the ENT notes (description and transcription). */
  public static List<String> entNotes(Path csv) throws IOException {
    List<List<String>> rows;
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      rows = org.meditwin.core.io.Csv.read(r);
    }
    List<String> header = rows.getFirst();
    int spec = header.indexOf("medical_specialty");
    int desc = header.indexOf("description");
    int text = header.indexOf("transcription");
    if (spec < 0 || text < 0) {
      throw new IOException("MTSamples CSV lacks medical_specialty/transcription columns");
    }
    List<String> out = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() > Math.max(spec, text) && ENT_SPECIALTY.equals(row.get(spec).strip())) {
        out.add((desc >= 0 ? row.get(desc) + ".\n" : "") + row.get(text));
      }
    }
    return out;
  }

  public static Result build(Inputs in) throws IOException {
    PronunciationDictionary base = PronunciationDictionary.read(in.baseDictionary());
    PronunciationDictionary domain = audiologyDictionary();
    Set<String> heldOut = new LinkedHashSet<>();
    for (String s : heldOut()) {
      heldOut.add(String.join(" ", TextNormalizer.sentences(s).getFirst()));
    }

    List<List<String>> corpus = new ArrayList<>();
    int synthetic = 0;
    for (String s : SyntheticDictations.generate(SYNTHETIC_SENTENCES, SEED)) {
      for (List<String> words : TextNormalizer.sentences(s)) {
        if (!heldOut.contains(String.join(" ", words))) {
          corpus.add(words);
          synthetic++;
        }
      }
    }
    List<String> notes = entNotes(in.mtSamplesCsv());
    int entSentences = 0;
    for (String note : notes) {
      for (List<String> words : TextNormalizer.sentences(note)) {
        if (!heldOut.contains(String.join(" ", words))) {
          corpus.add(words);
          entSentences++;
        }
      }
    }

    KneserNeyBuilder kn = new KneserNeyBuilder(3);
    Set<String> oov = new TreeSet<>();
    int tokens = 0;
    for (List<String> words : corpus) {
      List<String> mapped = new ArrayList<>(words.size());
      for (String w : words) {
        if (domain.contains(w) || base.contains(w)) {
          mapped.add(w);
        } else {
          oov.add(w);
          mapped.add(KneserNeyBuilder.UNK);
        }
      }
      tokens += mapped.size();
      kn.add(mapped);
    }
    KneserNeyBuilder.Model model = kn.build();

    Files.createDirectories(in.outputDir());
    Path lm = in.outputDir().resolve("hearing.lm");
    try (Writer w = Files.newBufferedWriter(lm, StandardCharsets.UTF_8)) {
      model.writeArpa(w);
    }
    Path dict = in.outputDir().resolve("hearing.dict");
    int domainUsed = 0;
    try (Writer w = Files.newBufferedWriter(dict, StandardCharsets.UTF_8)) {
      for (String word : new TreeSet<>(model.vocabulary())) {
        if (word.startsWith("<")) {
          continue;
        }
        List<String> prons = new ArrayList<>(domain.pronunciations(word));
        if (!prons.isEmpty()) {
          domainUsed++;
        }
        for (String p : base.pronunciations(word)) {
          if (!prons.contains(p)) {
            prons.add(p);
          }
        }
        for (int i = 0; i < prons.size(); i++) {
          w.write((i == 0 ? word : word + "(" + (i + 1) + ")") + " " + prons.get(i) + "\n");
        }
      }
    }
    Path curated = in.outputDir().resolve("audiology.dict");
    try (InputStream src = resource("audiology.dict")) {
      Files.write(curated, src.readAllBytes());
    }
    Result result =
        new Result(
            synthetic,
            notes.size(),
            entSentences,
            tokens,
            model.vocabulary().size(),
            oov.size(),
            domainUsed,
            model.sizes());
    writeDescriptor(in.outputDir(), List.of(lm, dict, curated), result);
    return result;
  }

  private static void writeDescriptor(Path dir, List<Path> files, Result r) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path descriptor = dir.resolve("model.json");
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (Files.isRegularFile(descriptor)) {
      Object old = json.readValue(descriptor.toFile(), Map.class).get("metrics");
      if (old instanceof Map<?, ?> m) {
        m.forEach((k, v) -> metrics.put(String.valueOf(k), v));
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", "asr-hearing-lm");
    d.put("version", "1.1.0");
    d.put("task", "speech-recognition-language-model");
    d.put("engine", "pocketsphinx");
    List<Map<String, Object>> list = new ArrayList<>();
    for (Path f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.getFileName().toString());
      m.put("sha256", sha256(f));
      m.put("bytes", Files.size(f));
      list.add(m);
    }
    d.put("files", list);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("smoothing", "interpolated Kneser-Ney, order 3, one discount per order");
    training.put("syntheticSentences", r.syntheticSentences());
    training.put("syntheticSeed", SEED);
    training.put("entNotes", r.entNotes());
    training.put("entSentences", r.entSentences());
    training.put("tokens", r.tokens());
    training.put("vocabulary", r.vocabulary());
    training.put("oovTypesMappedToUnk", r.oovTypesDropped());
    training.put("curatedPronunciationsInVocabulary", r.domainPronunciationsUsed());
    training.put("ngrams", r.ngrams());
    d.put("training", training);
    d.put("metrics", metrics);
    d.put("retrain", "./run asr build-lm");
    json.writeValue(descriptor.toFile(), d);
  }

  /** Replaces the {@code metrics} of an existing model.json (files and checksums unchanged). */
  @SuppressWarnings("unchecked")
  public static void writeMetrics(Path dir, Map<String, Object> metrics) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path descriptor = dir.resolve("model.json");
    Map<String, Object> d = json.readValue(descriptor.toFile(), LinkedHashMap.class);
    d.put("metrics", metrics);
    json.writeValue(descriptor.toFile(), d);
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = HearingLmBuilder.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing resource " + name);
    }
    return in;
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = resource(name)) {
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank() && !l.startsWith("#")) {
          out.add(l.strip());
        }
      }
      return out;
    }
  }
}
