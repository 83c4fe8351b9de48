package org.meditwin.nlp.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.meditwin.nlp.text.Token;
import org.meditwin.nlp.text.Tokenizer;

/** Readers for the public NER corpora under {@code shared/data} (train/dev splits only). */
public final class Corpora {
  /** Presidio synthetic entity types → name/location head labels (others are not learned). */
  static final Map<String, String> PRESIDIO_TO_HEAD =
      Map.of("PERSON", "PER", "STREET_ADDRESS", "LOC", "GPE", "LOC", "ZIP_CODE", "LOC");

  private Corpora() {}

  /**
   * Reads a CoNLL-style file (token ... tag per line, blank line between sentences), keeping only
   * the entity types in {@code keep} (others become {@code O}); {@code -DOCSTART-} lines skipped.
   */
  public static List<LabeledSentence> readColumns(Path file, List<String> keep) throws IOException {
    List<LabeledSentence> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("-DOCSTART-")) {
        if (!words.isEmpty()) {
          out.add(new LabeledSentence(words, tags));
          words = new ArrayList<>();
          tags = new ArrayList<>();
        }
        continue;
      }
      String[] parts = line.split(line.indexOf('\t') >= 0 ? "\t" : " ");
      String tag = parts[parts.length - 1];
      String type = tag.length() > 2 ? tag.substring(2) : "";
      words.add(parts[0]);
      tags.add(keep.contains(type) ? tag : "O");
    }
    if (!words.isEmpty()) {
      out.add(new LabeledSentence(words, tags));
    }
    return fixBio(out);
  }

  /** IOB1 → BIO: an {@code I-X} that does not continue an X becomes {@code B-X}. */
  static List<LabeledSentence> fixBio(List<LabeledSentence> in) {
    List<LabeledSentence> out = new ArrayList<>(in.size());
    for (LabeledSentence s : in) {
      List<String> tags = new ArrayList<>(s.tags());
      for (int i = 0; i < tags.size(); i++) {
        String t = tags.get(i);
        if (t.startsWith("I-")) {
          String prev = i == 0 ? "O" : tags.get(i - 1);
          if (prev.equals("O") || !prev.substring(2).equals(t.substring(2))) {
            tags.set(i, "B-" + t.substring(2));
          }
        }
      }
      out.add(new LabeledSentence(s.words(), tags));
    }
    return out;
  }

  /** One presidio-research synthetic sample: text and gold spans. */
  public record SynthSample(String text, int templateId, List<GoldSpan> spans) {}

  /** A gold character span. */
  public record GoldSpan(int start, int end, String type) {}

  public static List<SynthSample> readPresidio(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<SynthSample> out = new ArrayList<>();
    for (JsonNode n : root) {
      List<GoldSpan> spans = new ArrayList<>();
      for (JsonNode s : n.path("spans")) {
        spans.add(
            new GoldSpan(
                s.path("start_position").asInt(),
                s.path("end_position").asInt(),
                s.path("entity_type").asText()));
      }
      out.add(
          new SynthSample(n.path("full_text").asText(), n.path("template_id").asInt(-1), spans));
    }
    return out;
  }

  /**
   * The documented split of the presidio synthetic file: a sample is held out for dev metrics when
   * the first byte of SHA-256("presidio-template:" + template id) is below 64 (≈25 % of templates),
   * so no template is in both parts.
   */
  public static boolean isPresidioDev(SynthSample s) {
    String key = "presidio-template:" + (s.templateId() >= 0 ? s.templateId() : s.text());
    return (sha256(key)[0] & 0xff) < 64;
  }

  /** Words and BIO tags of a synthetic sample, for the name/location head. */
  public static LabeledSentence toHeadSentence(SynthSample s) {
    List<Token> tokens = Tokenizer.tokenize(s.text());
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    String prevType = "O";
    GoldSpan prevSpan = null;
    for (Token t : tokens) {
      GoldSpan hit = null;
      for (GoldSpan g : s.spans()) {
        if (PRESIDIO_TO_HEAD.containsKey(g.type()) && t.start() < g.end() && t.end() > g.start()) {
          hit = g;
          break;
        }
      }
      words.add(t.text());
      if (hit == null) {
        tags.add("O");
        prevType = "O";
      } else {
        String type = PRESIDIO_TO_HEAD.get(hit.type());
        boolean cont = type.equals(prevType) && hit == prevSpan;
        tags.add((cont ? "I-" : "B-") + type);
        prevType = type;
      }
      prevSpan = hit;
    }
    return new LabeledSentence(words, tags);
  }

  /** Deterministic subsample: sentences with an entity first (3/4 of the budget), then others. */
  public static List<LabeledSentence> subsample(List<LabeledSentence> all, int max, long seed) {
    if (all.size() <= max) {
      return all;
    }
    List<LabeledSentence> with = new ArrayList<>();
    List<LabeledSentence> without = new ArrayList<>();
    for (LabeledSentence s : all) {
      (s.tags().stream().anyMatch(t -> !t.equals("O")) ? with : without).add(s);
    }
    Random r = new Random(seed);
    java.util.Collections.shuffle(with, r);
    java.util.Collections.shuffle(without, r);
    int fromWith = Math.min(with.size(), max * 3 / 4);
    List<LabeledSentence> out = new ArrayList<>(with.subList(0, fromWith));
    out.addAll(without.subList(0, Math.min(without.size(), max - fromWith)));
    return out;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
